/**
 * Catalogue-to-catalogue federation: the change feed a catalogue offers its peers ({@link ChangeFeed}), the subscriber
 * that follows peer catalogues and re-verifies everything they send ({@link FederationSubscriber}, its cursor and
 * counters in {@link FederationState}), and the distributed query over partner catalogues ({@link FederatedQuery},
 * XFSC {@code POST /query/search}). Plain Java; the HTTP endpoints and the configuration live in {@code federator-server}.
 */
package eu.federator.catalogue.federation;
