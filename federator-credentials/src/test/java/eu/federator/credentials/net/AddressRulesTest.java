package eu.federator.credentials.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class AddressRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1|loopback",
            "127.255.0.7|loopback",
            "::1|loopback",
            "10.1.2.3|private",
            "172.16.0.1|private",
            "172.31.255.255|private",
            "192.168.1.1|private",
            "169.254.169.254|link-local",
            "fe80::1|link-local",
            "100.64.0.1|carrier-grade NAT",
            "100.127.255.255|carrier-grade NAT",
            "fc00::1|unique-local",
            "fd12:3456::1|unique-local",
            "0.0.0.0|unspecified",
            "::|unspecified",
            "224.0.0.1|multicast",
            "ff02::1|multicast",
            "255.255.255.255|broadcast",
            "::ffff:127.0.0.1|loopback",
            "::ffff:169.254.169.254|link-local",
            "::10.0.0.1|IPv4-compatible form of 10.0.0.1",
            "64:ff9b::a9fe:a9fe|NAT64 form of 169.254.169.254",
            "2002:0a00:0001::1|6to4 form of 10.0.0.1",
            "fec0::1|site-local"})
    void refusesNonPublicAddresses(String address, String reason) throws Exception {
        assertThat(AddressRules.nonPublic(InetAddress.getByName(address))).hasValueSatisfying(r -> assertThat(r).contains(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1", "193.168.0.1",
            "2001:4860:4860::8888", "2a00:1450::1", "::ffff:8.8.8.8", "64:ff9b::808:808"})
    void acceptsPublicAddresses(String address) throws Exception {
        assertThat(AddressRules.nonPublic(InetAddress.getByName(address))).isEmpty();
    }
}
