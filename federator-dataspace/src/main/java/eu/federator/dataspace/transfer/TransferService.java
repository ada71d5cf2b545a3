package eu.federator.dataspace.transfer;

import eu.federator.credentials.json.Json;
import eu.federator.dataspace.Position;
import eu.federator.dataspace.Reply;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.dataplane.DataFlow;
import eu.federator.dataspace.dataplane.DataFlowListener;
import eu.federator.dataspace.dataplane.DataPlane;
import eu.federator.dataspace.internal.Addresses;
import eu.federator.dataspace.log.ExchangeChain;
import eu.federator.dataspace.log.LogEvent;
import eu.federator.dataspace.log.ProcessKind;
import eu.federator.dataspace.negotiation.ContractNegotiationStore;
import eu.federator.dataspace.negotiation.Negotiation;
import eu.federator.dataspace.negotiation.NegotiationService;
import eu.federator.dataspace.outbox.OutboxEntry;
import eu.federator.dataspace.outbox.OutboxMessage;
import eu.federator.dataspace.policy.Requester;
import eu.federator.dataspace.protocol.ContractNegotiationState;
import eu.federator.dataspace.protocol.DspJson;
import eu.federator.dataspace.protocol.DspMessage;
import eu.federator.dataspace.protocol.DspMessage.DataAddress;
import eu.federator.dataspace.protocol.DspMessage.TransferCompletionMessage;
import eu.federator.dataspace.protocol.DspMessage.TransferProcess;
import eu.federator.dataspace.protocol.DspMessage.TransferRequestMessage;
import eu.federator.dataspace.protocol.DspMessage.TransferStartMessage;
import eu.federator.dataspace.protocol.DspMessage.TransferSuspensionMessage;
import eu.federator.dataspace.protocol.DspMessage.TransferTerminationMessage;
import eu.federator.dataspace.protocol.TransferProcessState;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Transfer processes for both roles, built like {@link NegotiationService}: every change is one store transaction with
 * the message it sends and its log events. As provider it drives the {@link DataPlane}: a pull transfer's start message
 * carries the address the data plane hands out; a push starts once the consumer acknowledged the start, and completes
 * (or terminates) when the data plane reports back through {@link DataFlowListener}.
 */
public final class TransferService implements DataFlowListener {
    private static final System.Logger LOG = System.getLogger(TransferService.class.getName());
    private static final int ATTEMPTS = 10;

    private final TransferProcessStore store;
    private final ContractNegotiationStore negotiations;
    private final TransferDecisions decisions;
    private final DataPlane dataPlane;
    private final Runnable committed;
    private final Clock clock;
    private final Supplier<String> callbackAddress;

    public TransferService(TransferProcessStore store, ContractNegotiationStore negotiations, TransferDecisions decisions, DataPlane dataPlane,
                           Runnable committed, Clock clock, Supplier<String> callbackAddress) {
        this.store = Objects.requireNonNull(store, "store");
        this.negotiations = Objects.requireNonNull(negotiations, "negotiations");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.dataPlane = Objects.requireNonNull(dataPlane, "dataPlane");
        this.committed = Objects.requireNonNull(committed, "committed");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.callbackAddress = Objects.requireNonNull(callbackAddress, "callbackAddress");
    }

    // ================================================================================================= received

    /** {@code POST /transfers/request} at a provider (201), or a repetition of it. */
    public Reply<Transfer> initialRequest(Requester from, TransferRequestMessage m, byte[] body) {
        Optional<Transfer> known = store.findByCounterPartyPid(Role.PROVIDER, from.participantId(), m.consumerPid());
        if (known.isPresent()) {
            return Reply.ok(known.get());
        }
        Optional<Negotiation> agreed = negotiations.findByAgreementId(m.agreementId())
                .filter(n -> n.role() == Role.PROVIDER && n.counterPartyId().equals(from.participantId()));
        if (agreed.isEmpty()) {
            return Reply.invalid("no agreement " + m.agreementId() + " with " + from.participantId() + " here: negotiate a contract first");
        }
        if (agreed.get().position().state() != ContractNegotiationState.FINALIZED) {
            return Reply.invalid("agreement " + m.agreementId() + " is not finalized (its negotiation is " + agreed.get().position()
                    + "): transfers start only under a finalized agreement");
        }
        if (!dataPlane.formats().contains(m.format())) {
            return Reply.invalid("format " + m.format() + " is not offered here; supported: " + dataPlane.formats().stream().sorted().toList());
        }
        if (m.format().endsWith("-PUSH") && m.dataAddress() == null) {
            return Reply.invalid("a push transfer (" + m.format() + ") needs the dataAddress to push to");
        }
        Instant now = clock.instant();
        String id = "urn:uuid:" + UUID.randomUUID();
        Transfer t = new Transfer(id, Role.PROVIDER, m.consumerPid(), id, m.agreementId(), m.format(), from.participantId(), m.callbackAddress(),
                TransferProcessMachine.receive(Position.initial(), Role.PROVIDER, TransferMessage.REQUEST).value(),
                m.dataAddress() == null ? null : DspJson.write(m.dataAddress()).toString(), 0, now, now);
        Change change = new Change(t);
        change.log("received TransferRequestMessage", body);
        decideNext(change, Optional.of(from));
        Result<Transfer> stored = store.create(change.transfer, change.send, change.events);
        if (!stored.succeeded()) {
            return store.findByCounterPartyPid(Role.PROVIDER, from.participantId(), m.consumerPid()).<Reply<Transfer>>map(Reply::ok)
                    .orElseGet(() -> Reply.invalid(stored.problems().getFirst().message()));
        }
        afterCommit(change, stored.value());
        return Reply.ok(stored.value());
    }

    /** A message about an existing transfer, addressed to this side's process {@code pid}. */
    public Reply<Transfer> receive(Requester from, String pid, DspMessage message, byte[] body) {
        TransferMessage kind = kind(message);
        if (kind == null || kind == TransferMessage.REQUEST) {
            return Reply.invalid(message.getClass().getSimpleName() + " is not valid for an existing transfer process");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Transfer> found = store.find(pid);
            if (found.isEmpty() || !found.get().counterPartyId().equals(from.participantId())) {
                return Reply.notFound("no transfer process " + pid + " here for " + from.participantId());
            }
            Transfer t = found.get();
            String[] pids = pids(message);
            String own = t.role() == Role.PROVIDER ? pids[0] : pids[1];
            String theirs = t.role() == Role.PROVIDER ? pids[1] : pids[0];
            String knownTheirs = t.role() == Role.PROVIDER ? t.consumerPid() : t.providerPid();
            if (!pid.equals(own)) {
                return Reply.invalid("the message's " + (t.role() == Role.PROVIDER ? "providerPid " : "consumerPid ") + own
                        + " is not the process it was sent to (" + pid + ")");
            }
            if (theirs == null || knownTheirs != null && !knownTheirs.equals(theirs)) {
                return Reply.invalid("the message's " + (t.role() == Role.PROVIDER ? "consumerPid " : "providerPid ") + theirs
                        + " is not this transfer's counter-party process (" + knownTheirs + ")");
            }
            Result<Position<TransferProcessState>> next = TransferProcessMachine.receive(t.position(), t.role(), kind);
            if (!next.succeeded()) {
                if (repeated(t, kind)) {
                    return Reply.ok(t);
                }
                return Reply.invalid(next.problems().getFirst().message());
            }
            Transfer changed = t.with(next.value(), clock.instant());
            if (knownTheirs == null) {
                changed = changed.withCounterPartyPid(theirs);
            }
            if (message instanceof TransferStartMessage start && start.dataAddress() != null) {
                changed = changed.withDataAddress(DspJson.write(start.dataAddress()).toString());
            }
            Change change = new Change(changed, t.position().state());
            change.log("received " + message.getClass().getSimpleName(), body);
            decideNext(change, Optional.of(from));
            Result<Transfer> stored = store.update(change.transfer, change.send, change.events);
            if (stored.succeeded()) {
                afterCommit(change, stored.value());
                return Reply.ok(stored.value());
            }
        }
        return Reply.invalid("transfer " + pid + " is changing too often right now; send the message again");
    }

    public Reply<Transfer> get(Requester from, String pid) {
        return store.find(pid).filter(t -> t.counterPartyId().equals(from.participantId())).<Reply<Transfer>>map(Reply::ok)
                .orElseGet(() -> Reply.notFound("no transfer process " + pid + " here for " + from.participantId()));
    }

    private static boolean repeated(Transfer t, TransferMessage kind) {
        if (t.position().pending() != null) {
            return false;
        }
        TransferProcessState reached = switch (kind) {
            case START -> TransferProcessState.STARTED;
            case SUSPENSION -> TransferProcessState.SUSPENDED;
            case COMPLETION -> TransferProcessState.COMPLETED;
            case TERMINATION -> TransferProcessState.TERMINATED;
            case REQUEST -> null;
        };
        return reached != null && reached == t.position().state();
    }

    // ================================================================================================= decided here

    /**
     * As consumer: asks for a transfer under a finalized agreement this side negotiated. {@code destination} is where a
     * push goes (null for pull). The provider's address and id come from the negotiation unless given.
     */
    public Result<Transfer> request(String agreementId, String format, DataAddress destination, String address, String counterPartyId) {
        return request(agreementId, format, pid -> destination, address, counterPartyId);
    }

    /** As {@link #request(String, String, DataAddress, String, String)}, the push destination made for this side's new pid. */
    public Result<Transfer> request(String agreementId, String format, Function<String, DataAddress> destinationFor, String address,
                                    String counterPartyId) {
        Optional<Negotiation> agreed = negotiations.findByAgreementId(agreementId).filter(n -> n.role() == Role.CONSUMER);
        String target = address != null ? address : agreed.map(Negotiation::counterPartyAddress).orElse(null);
        String provider = counterPartyId != null ? counterPartyId : agreed.map(Negotiation::counterPartyId).orElse(null);
        if (target == null || provider == null) {
            return Result.failure("agreementId", "no agreement " + agreementId + " negotiated here as consumer: name the provider's DSP address "
                    + "and participant id");
        }
        Instant now = clock.instant();
        String id = "urn:uuid:" + UUID.randomUUID();
        DataAddress destination = destinationFor.apply(id);
        Transfer t = new Transfer(id, Role.CONSUMER, id, null, agreementId, format, provider, target, Position.initial(),
                destination == null ? null : DspJson.write(destination).toString(), 0, now, now);
        Change change = new Change(t);
        Result<Void> applied = apply(change, TransferDecision.send(TransferMessage.REQUEST));
        if (!applied.succeeded()) {
            return Result.failure(applied.problems());
        }
        Result<Transfer> stored = store.create(change.transfer, change.send, change.events);
        if (stored.succeeded()) {
            afterCommit(change, stored.value());
        }
        return stored;
    }

    /** This side decides by hand: suspend, resume (start), complete or terminate. */
    public Result<Transfer> decide(String pid, TransferDecision decision) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Transfer> found = store.find(pid);
            if (found.isEmpty()) {
                return Result.failure("no transfer process " + pid);
            }
            Change change = new Change(found.get());
            Result<Void> applied = apply(change, decision);
            if (!applied.succeeded()) {
                return Result.failure(applied.problems());
            }
            Result<Transfer> stored = store.update(change.transfer, change.send, change.events);
            if (stored.succeeded()) {
                afterCommit(change, stored.value());
                return stored;
            }
        }
        return Result.failure("transfer " + pid + " is changing too often right now; try again");
    }

    // ================================================================================================= data plane

    @Override
    public void completed(String transferId) {
        Result<Transfer> r = decide(transferId, TransferDecision.send(TransferMessage.COMPLETION));
        if (!r.succeeded()) {
            LOG.log(System.Logger.Level.WARNING, "transfer {0}: the push finished but completing it was refused: {1}", transferId,
                    r.problems().getFirst().message());
        }
    }

    @Override
    public void failed(String transferId, String reason) {
        Result<Transfer> r = decide(transferId, TransferDecision.terminate("the data could not be transferred: " + reason));
        if (!r.succeeded()) {
            LOG.log(System.Logger.Level.WARNING, "transfer {0}: the push failed ({1}) and terminating it was refused: {2}", transferId, reason,
                    r.problems().getFirst().message());
        }
    }

    // ================================================================================================= dispatcher

    public void delivered(OutboxMessage message, String answer) {
        update(message.processId(), t -> {
            TransferProcessState expected = pendingFor(message.entry().messageType());
            Transfer changed = t;
            if (t.role() == Role.CONSUMER && t.providerPid() == null) {
                String theirs = providerPid(answer);
                if (theirs != null) {
                    changed = changed.withCounterPartyPid(theirs);
                }
            }
            if (expected == null || changed.position().pending() != expected) {
                return changed == t ? null : new Change(changed);
            }
            // from the state before the acknowledgement, so that afterCommit sees the change (a provider's acknowledged
            // START starts a push)
            Change change = new Change(changed.with(TransferProcessMachine.acknowledge(changed.position()).value(), clock.instant()),
                    t.position().state());
            change.acknowledged = true;
            decideNext(change, Optional.empty());
            return change;
        });
    }

    public void undeliverable(OutboxMessage message, String reason) {
        update(message.processId(), t -> {
            if (t.position().state() != null && t.position().state().terminal()) {
                return null;
            }
            Change change = new Change(t.with(Position.at(TransferProcessState.TERMINATED), clock.instant()), t.position().state());
            change.log("terminated: " + message.entry().messageType() + " undeliverable: " + reason, reason.getBytes(StandardCharsets.UTF_8));
            return change;
        });
    }

    private void update(String pid, Function<Transfer, Change> f) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Transfer> found = store.find(pid);
            if (found.isEmpty()) {
                return;
            }
            Change change = f.apply(found.get());
            if (change == null) {
                return;
            }
            Result<Transfer> stored = store.update(change.transfer, change.send, change.events);
            if (stored.succeeded()) {
                afterCommit(change, stored.value());
                return;
            }
        }
        LOG.log(System.Logger.Level.WARNING, "transfer {0}: gave up updating after {1} conflicting attempts", pid, ATTEMPTS);
    }

    // ================================================================================================= the change at hand

    private final class Change {
        Transfer transfer;
        final List<OutboxEntry> send = new ArrayList<>();
        final List<LogEvent> events = new ArrayList<>();
        final TransferProcessState before;
        /** The counter-party acknowledged this side's message (rather than sending one). */
        boolean acknowledged;

        Change(Transfer transfer) {
            this(transfer, transfer.version() == 0 ? null : transfer.position().state());
        }

        /** @param before the state before this change (the transfer given is already the changed one) */
        Change(Transfer changed, TransferProcessState before) {
            this.transfer = changed;
            this.before = before;
        }

        void log(String eventType, byte[] body) {
            events.add(new LogEvent(transfer.id(), ProcessKind.TRANSFER, eventType, transfer.counterPartyId(), transfer.agreementId(),
                    ExchangeChain.digest(body), clock.instant()));
        }
    }

    private void decideNext(Change change, Optional<Requester> from) {
        Position<TransferProcessState> at = change.transfer.position();
        if (at.pending() != null || at.state() != null && at.state().terminal()) {
            return;
        }
        Optional<TransferDecision> next;
        try {
            next = decisions.next(change.transfer, from);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "deciding the next step of transfer " + change.transfer.id() + " failed; it waits", e);
            return;
        }
        next.ifPresent(d -> {
            Result<Void> applied = apply(change, d);
            if (!applied.succeeded()) {
                LOG.log(System.Logger.Level.WARNING, "transfer {0}: the decision to send {1} was not possible: {2}", change.transfer.id(),
                        d.message(), applied.problems().getFirst().message());
            }
        });
    }

    private Result<Void> apply(Change change, TransferDecision d) {
        Transfer t = change.transfer;
        Result<Position<TransferProcessState>> next = TransferProcessMachine.decide(t.position(), t.role(), d.message());
        if (!next.succeeded()) {
            return Result.failure(next.problems());
        }
        DataAddress pull = null;
        if (t.role() == Role.PROVIDER && d.message() == TransferMessage.START && !isPush(t)) {
            Result<Optional<DataAddress>> started = dataPlane.start(flow(t));
            if (!started.succeeded()) {
                // the data cannot be served: the transfer ends instead of starting
                return apply(change, TransferDecision.terminate(started.problems().getFirst().message()));
            }
            pull = started.value().orElse(null);
        }
        Instant now = clock.instant();
        t = t.with(next.value(), now);
        String their = t.role() == Role.PROVIDER ? t.consumerPid() : t.providerPid();
        String base = t.counterPartyAddress();
        if (base == null) {
            return Result.failure("the counter-party's address is not known: nothing can be sent to it");
        }
        String path;
        DspMessage message;
        List<jakarta.json.JsonValue> reason = d.reason() == null ? List.of() : List.of(Json.provider().createValue(d.reason()));
        switch (d.message()) {
            case REQUEST -> {
                path = "/transfers/request";
                message = new TransferRequestMessage(t.consumerPid(), t.agreementId(), t.format(), t.dataAddress() == null ? null
                        : dataAddress(t.dataAddress()), callbackAddress.get(), Map.of());
            }
            case START -> {
                path = "/transfers/" + Addresses.segment(their) + "/start";
                message = new TransferStartMessage(t.providerPid(), t.consumerPid(), pull, Map.of());
            }
            case SUSPENSION -> {
                path = "/transfers/" + Addresses.segment(their) + "/suspension";
                message = new TransferSuspensionMessage(t.providerPid(), t.consumerPid(), null, reason, Map.of());
            }
            case COMPLETION -> {
                path = "/transfers/" + Addresses.segment(their) + "/completion";
                message = new TransferCompletionMessage(t.providerPid(), t.consumerPid(), Map.of());
            }
            case TERMINATION -> {
                if (their == null) {
                    change.transfer = t.with(Position.at(TransferProcessState.TERMINATED), now);
                    change.log("terminated here: " + d.reason(), d.reason().getBytes(StandardCharsets.UTF_8));
                    return Result.success(null);
                }
                path = "/transfers/" + Addresses.segment(their) + "/termination";
                message = new TransferTerminationMessage(t.providerPid(), t.consumerPid(), null, reason, Map.of());
            }
            default -> throw new IllegalStateException("unreachable: " + d.message());
        }
        byte[] body = DspJson.bytes(message);
        change.transfer = t;
        change.send.add(new OutboxEntry(message.getClass().getSimpleName(), Addresses.join(base, path), new String(body, StandardCharsets.UTF_8)));
        change.log("sent " + message.getClass().getSimpleName(), body);
        return Result.success(null);
    }

    /** After the commit: the data plane follows the provider's transfer, and closes the consumer's sink at its end. */
    private void afterCommit(Change change, Transfer stored) {
        if (!change.send.isEmpty() || !change.events.isEmpty()) {
            committed.run();
        }
        if (stored.position().pending() != null || stored.position().state() == change.before) {
            return;
        }
        TransferProcessState now = stored.position().state();
        if (stored.role() == Role.CONSUMER) {
            if (now != null && now.terminal()) {
                try {
                    dataPlane.consumerEnded(stored.id());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "transfer " + stored.id() + " ended, but closing its push sink failed", e);
                }
            }
            return;
        }
        try {
            if (now == TransferProcessState.STARTED && (isPush(stored) || change.before == TransferProcessState.SUSPENDED
                    && change.send.isEmpty() && !change.acknowledged)) {
                // a push starts once the consumer knows; a pull resumed by the consumer serves its address again (one this
                // side resumed got it when its start message was written)
                Result<Optional<DataAddress>> started = dataPlane.start(flow(stored));
                if (!started.succeeded()) {
                    failed(stored.id(), started.problems().getFirst().message());
                }
            } else if (now == TransferProcessState.SUSPENDED) {
                dataPlane.suspend(stored.id());
            } else if (now != null && now.terminal()) {
                dataPlane.end(stored.id());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "transfer " + stored.id() + ": the data plane failed to follow it to " + now, e);
        }
    }

    // ================================================================================================= helpers

    private static boolean isPush(Transfer t) {
        return t.format().endsWith("-PUSH");
    }

    private DataFlow flow(Transfer t) {
        String dataset = negotiations.findByAgreementId(t.agreementId())
                .map(n -> NegotiationService.stored(n.agreement()).getString("target", null)).orElse(null);
        return new DataFlow(t.id(), t.agreementId(), dataset == null ? "" : dataset, t.counterPartyId(), t.format(),
                t.dataAddress() == null ? null : dataAddress(t.dataAddress()));
    }

    /** The DataAddress a transfer stored (written by {@link DspJson#write(DataAddress)}). */
    public static DataAddress dataAddress(String json) {
        return DspJson.readDataAddress(NegotiationService.stored(json)).value();
    }

    private static String[] pids(DspMessage message) {
        return switch (message) {
            case TransferStartMessage m -> new String[]{m.providerPid(), m.consumerPid()};
            case TransferSuspensionMessage m -> new String[]{m.providerPid(), m.consumerPid()};
            case TransferCompletionMessage m -> new String[]{m.providerPid(), m.consumerPid()};
            case TransferTerminationMessage m -> new String[]{m.providerPid(), m.consumerPid()};
            default -> new String[]{null, null};
        };
    }

    public static TransferMessage kind(DspMessage message) {
        return switch (message) {
            case TransferRequestMessage m -> TransferMessage.REQUEST;
            case TransferStartMessage m -> TransferMessage.START;
            case TransferSuspensionMessage m -> TransferMessage.SUSPENSION;
            case TransferCompletionMessage m -> TransferMessage.COMPLETION;
            case TransferTerminationMessage m -> TransferMessage.TERMINATION;
            default -> null;
        };
    }

    private static TransferProcessState pendingFor(String messageType) {
        return switch (messageType) {
            case "TransferRequestMessage" -> TransferProcessState.REQUESTED;
            case "TransferStartMessage" -> TransferProcessState.STARTED;
            case "TransferSuspensionMessage" -> TransferProcessState.SUSPENDED;
            case "TransferCompletionMessage" -> TransferProcessState.COMPLETED;
            case "TransferTerminationMessage" -> TransferProcessState.TERMINATED;
            default -> null;
        };
    }

    private static String providerPid(String answer) {
        if (answer == null || answer.isBlank()) {
            return null;
        }
        Result<TransferProcess> read = DspJson.read(answer.getBytes(StandardCharsets.UTF_8), TransferProcess.class);
        return read.succeeded() ? read.value().providerPid() : null;
    }
}
