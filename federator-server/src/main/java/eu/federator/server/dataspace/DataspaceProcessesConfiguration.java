package eu.federator.server.dataspace;

import eu.federator.dataspace.Result;
import eu.federator.dataspace.dataplane.DataFlow;
import eu.federator.dataspace.dataplane.DataPlane;
import eu.federator.dataspace.dispatch.Delivered;
import eu.federator.dataspace.dispatch.HttpMessageSender;
import eu.federator.dataspace.dispatch.OutboxDispatcher;
import eu.federator.dataspace.dispatch.TokenSource;
import eu.federator.dataspace.negotiation.ContractNegotiationStore;
import eu.federator.dataspace.negotiation.FinalizedAgreements;
import eu.federator.dataspace.negotiation.Negotiation;
import eu.federator.dataspace.negotiation.NegotiationDecisions;
import eu.federator.dataspace.negotiation.NegotiationService;
import eu.federator.dataspace.outbox.Backoff;
import eu.federator.dataspace.outbox.OutboxMessage;
import eu.federator.dataspace.policy.LeftOperands;
import eu.federator.dataspace.policy.PolicyEvaluator;
import eu.federator.dataspace.protocol.DspMessage.DataAddress;
import eu.federator.dataspace.store.postgres.PostgresContractNegotiationStore;
import eu.federator.dataspace.store.postgres.PostgresOutbox;
import eu.federator.dataspace.store.postgres.PostgresTransferProcessStore;
import eu.federator.dataspace.transfer.Transfer;
import eu.federator.dataspace.transfer.TransferDecisions;
import eu.federator.dataspace.transfer.TransferProcessStore;
import eu.federator.dataspace.watch.ProcessChanges;
import eu.federator.dataspace.watch.WatchedNegotiationStore;
import eu.federator.dataspace.watch.WatchedTransferStore;
import eu.federator.dataspace.transfer.TransferService;
import eu.federator.server.identity.IdentityProperties;
import eu.federator.trustframework.identity.ServiceIdentity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The negotiation and transfer processes: PostgreSQL stores and outbox, the services, the default decisions and the
 * dispatcher that sends what they decide (woken after every commit, polling for retries and for work other replicas
 * left). A {@link DataPlane}, {@link FinalizedAgreements}, {@link NegotiationDecisions} or {@link TransferDecisions} bean
 * elsewhere replaces the defaults.
 */
@Configuration(proxyBeanMethods = false)
public class DataspaceProcessesConfiguration {

    @Bean
    DspEndpoint dspEndpoint(DataspaceProperties dataspace, IdentityProperties identity, Environment environment) {
        return new DspEndpoint(dataspace, identity, environment);
    }

    @Bean
    ProcessChanges processChanges(DataspaceProperties properties) {
        return new ProcessChanges(properties.maxWaiting(), properties.waitRecheck());
    }

    @Bean
    ContractNegotiationStore contractNegotiationStore(DataSource dataSource, ProcessChanges changes) {
        return new WatchedNegotiationStore(new PostgresContractNegotiationStore(dataSource, Clock.systemUTC()), changes);
    }

    @Bean
    TransferProcessStore transferProcessStore(DataSource dataSource, ProcessChanges changes) {
        return new WatchedTransferStore(new PostgresTransferProcessStore(dataSource, Clock.systemUTC()), changes);
    }

    @Bean
    DefaultDecisions defaultDecisions(DspCatalog catalog, DspEndpoint endpoint) {
        return new DefaultDecisions(catalog, new PolicyEvaluator(LeftOperands.defaults()), endpoint, Clock.systemUTC());
    }

    @Bean
    SelfIssuedTokens selfIssuedTokens(ServiceIdentity identity) {
        return new SelfIssuedTokens(identity, Clock.systemUTC());
    }

    /** The header for each outgoing message, for the counter-party of its process (none yet: the dispatcher retries later). */
    private static TokenSource tokenSource(DspAuthorization authorization, ContractNegotiationStore negotiations, TransferProcessStore transfers) {
        return m -> {
            String counterParty = counterParty(m, negotiations, transfers);
            return counterParty == null ? null : authorization.header(counterParty);
        };
    }

    private static String counterParty(OutboxMessage m, ContractNegotiationStore negotiations, TransferProcessStore transfers) {
        return "transfer".equals(m.processKind()) ? transfers.find(m.processId()).map(Transfer::counterPartyId).orElse(null)
                : negotiations.find(m.processId()).map(Negotiation::counterPartyId).orElse(null);
    }

    @Bean(destroyMethod = "close")
    OutboxDispatcher outboxDispatcher(DataSource dataSource, DspAuthorization authorization, ContractNegotiationStore negotiationStore,
                                      TransferProcessStore transferStore, DataspaceProperties properties,
                                      ObjectProvider<NegotiationService> negotiations, ObjectProvider<TransferService> transfers) {
        Delivered delivered = new Delivered() {
            @Override
            public void delivered(OutboxMessage message, String answer) {
                if ("transfer".equals(message.processKind())) {
                    transfers.getObject().delivered(message, answer);
                } else {
                    negotiations.getObject().delivered(message, answer);
                }
            }

            @Override
            public void undeliverable(OutboxMessage message, String reason) {
                if ("transfer".equals(message.processKind())) {
                    transfers.getObject().undeliverable(message, reason);
                } else {
                    negotiations.getObject().undeliverable(message, reason);
                }
            }
        };
        return new OutboxDispatcher(new PostgresOutbox(dataSource, Backoff.defaults()), new HttpMessageSender(tokenSource(authorization, negotiationStore, transferStore)), delivered,
                Clock.systemUTC(), properties.dispatchBatch(), properties.dispatchRounds());
    }

    @Bean
    NegotiationService negotiationService(ContractNegotiationStore store, ObjectProvider<NegotiationDecisions> decisions,
                                          DefaultDecisions defaults, ObjectProvider<FinalizedAgreements> finalized,
                                          OutboxDispatcher dispatcher, ObjectProvider<ProcessCommitted> committed, ServiceIdentity identity,
                                          DspEndpoint endpoint) {
        List<FinalizedAgreements> listeners = finalized.orderedStream().toList();
        return new NegotiationService(store, decisions.getIfUnique(() -> defaults), n -> listeners.forEach(l -> l.finalized(n)),
                afterCommit(dispatcher, committed), Clock.systemUTC(), identity.did(), endpoint);
    }

    @Bean
    TransferService transferService(TransferProcessStore store, ContractNegotiationStore negotiations,
                                    ObjectProvider<TransferDecisions> decisions, DefaultDecisions defaults, ObjectProvider<DataPlane> dataPlane,
                                    OutboxDispatcher dispatcher, ObjectProvider<ProcessCommitted> committed, DspEndpoint endpoint) {
        return new TransferService(store, negotiations, decisions.getIfUnique(() -> defaults), dataPlane.getIfUnique(NoDataPlane::new),
                afterCommit(dispatcher, committed), Clock.systemUTC(), endpoint);
    }

    /** Wakes the dispatcher and tells the listeners, looked up once at the first commit rather than at every one. */
    private static Runnable afterCommit(OutboxDispatcher dispatcher, ObjectProvider<ProcessCommitted> committed) {
        SingletonSupplier<List<ProcessCommitted>> listeners = SingletonSupplier.of(() -> committed.orderedStream().toList());
        return () -> {
            dispatcher.wake();
            listeners.obtain().forEach(ProcessCommitted::committed);
        };
    }

    /** The dispatcher starts once the server listens (its own callback address is then known). */
    @EventListener(ApplicationReadyEvent.class)
    void startDispatcher(ApplicationReadyEvent event) {
        OutboxDispatcher dispatcher = event.getApplicationContext().getBean(OutboxDispatcher.class);
        DataspaceProperties properties = event.getApplicationContext().getBean(DataspaceProperties.class);
        dispatcher.start(properties.dispatchPoll());
        dispatcher.wake();
    }

    /** Told after every committed process change (e.g. the exchange log's writer, to chain the new events). */
    @FunctionalInterface
    public interface ProcessCommitted {
        void committed();
    }

    /** Without a data plane no transfer format is served: requests are refused with the reason. */
    static final class NoDataPlane implements DataPlane {
        @Override
        public Set<String> formats() {
            return Set.of();
        }

        @Override
        public Result<Optional<DataAddress>> start(DataFlow flow) {
            return Result.failure("this connector has no data plane");
        }

        @Override
        public void suspend(String transferId) {
        }

        @Override
        public void end(String transferId) {
        }
    }
}
