package eu.federator.server.portal.onboarding;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The portal's onboarding ({@code federator.portal.*}; docs/onboarding.md).
 *
 * @param labCa            <b>labs only</b> (default true): a CA generated once into {@code <data-dir>/portal/lab-ca/}
 *                         certifies the hosted identities' keys and is added to this Federator's trust anchors, so that
 *                         participants onboarded through the portal are trusted <em>by this Federator only</em>. With
 *                         false, creating an identity needs an uploaded key and a chain that leads to a configured trust anchor.
 * @param keyEncryptionKey base64 of the 256-bit AES key that encrypts the hosted private keys; when unset, one is
 *                         generated once into {@code <data-dir>/portal/key-encryption.key} (mode 0600)
 */
@ConfigurationProperties("federator.portal")
public record OnboardingProperties(Boolean labCa, String keyEncryptionKey) {
    public OnboardingProperties {
        labCa = labCa == null || labCa;
    }
}
