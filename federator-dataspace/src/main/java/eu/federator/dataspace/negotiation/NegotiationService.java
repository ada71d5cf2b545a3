package eu.federator.dataspace.negotiation;

import eu.federator.credentials.json.Json;
import eu.federator.dataspace.Position;
import eu.federator.dataspace.Problem;
import eu.federator.dataspace.Reply;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.internal.Addresses;
import eu.federator.dataspace.internal.Node;
import eu.federator.dataspace.log.ExchangeChain;
import eu.federator.dataspace.log.LogEvent;
import eu.federator.dataspace.log.ProcessKind;
import eu.federator.dataspace.outbox.OutboxEntry;
import eu.federator.dataspace.outbox.OutboxMessage;
import eu.federator.dataspace.policy.Odrl;
import eu.federator.dataspace.policy.Policy.Agreement;
import eu.federator.dataspace.policy.Policy.Offer;
import eu.federator.dataspace.policy.Requester;
import eu.federator.dataspace.protocol.ContractNegotiationState;
import eu.federator.dataspace.protocol.DspJson;
import eu.federator.dataspace.protocol.DspMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractAgreementMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractAgreementVerificationMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractNegotiation;
import eu.federator.dataspace.protocol.DspMessage.ContractNegotiationEventMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractNegotiationTerminationMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractOfferMessage;
import eu.federator.dataspace.protocol.DspMessage.ContractRequestMessage;
import eu.federator.dataspace.protocol.DspMessage.NegotiationEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

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
 * Contract negotiation for both roles: messages from the counter-party, this side's own decisions, and the dispatcher's
 * feedback. Every change is one store transaction together with the message it decided to send (outbox) and its log
 * events, so an HTTP handler never waits on the counter-party and nothing is lost on a crash. Concurrent changes of one
 * negotiation (a message arriving while the dispatcher acknowledges another) are resolved by reading again.
 */
public final class NegotiationService {
    private static final System.Logger LOG = System.getLogger(NegotiationService.class.getName());
    private static final int ATTEMPTS = 10;

    private final ContractNegotiationStore store;
    private final NegotiationDecisions decisions;
    private final FinalizedAgreements finalized;
    private final Runnable committed;
    private final Clock clock;
    private final String participantId;
    private final Supplier<String> callbackAddress;

    /**
     * @param committed       run after every committed change that queued something (wakes the dispatcher and log writer)
     * @param participantId   this connector's participant id (assigner of the agreements it makes as provider)
     * @param callbackAddress this connector's DSP base URL, where counter-parties send their replies
     */
    public NegotiationService(ContractNegotiationStore store, NegotiationDecisions decisions, FinalizedAgreements finalized,
                              Runnable committed, Clock clock, String participantId, Supplier<String> callbackAddress) {
        this.store = Objects.requireNonNull(store, "store");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.finalized = Objects.requireNonNull(finalized, "finalized");
        this.committed = Objects.requireNonNull(committed, "committed");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.participantId = Objects.requireNonNull(participantId, "participantId");
        this.callbackAddress = Objects.requireNonNull(callbackAddress, "callbackAddress");
    }

    public String participantId() {
        return participantId;
    }

    // ================================================================================================= received

    /** {@code POST /negotiations/request} at a provider: a consumer starts a negotiation (201), or repeats its start. */
    public Reply<Negotiation> initialRequest(Requester from, ContractRequestMessage m, byte[] body) {
        if (m.providerPid() != null) {
            return Reply.invalid("an initial ContractRequestMessage has no providerPid; a counter-offer goes to /negotiations/"
                    + m.providerPid() + "/request");
        }
        return start(Role.PROVIDER, from, m.consumerPid(), m.callbackAddress(), m.offer(), "ContractRequestMessage", NegotiationMessage.REQUEST,
                body);
    }

    /** {@code POST /negotiations/offers} at a consumer: a provider starts a negotiation with an offer (201). */
    public Reply<Negotiation> initialOffer(Requester from, ContractOfferMessage m, byte[] body) {
        if (m.consumerPid() != null) {
            return Reply.invalid("an initial ContractOfferMessage has no consumerPid; a counter-offer goes to /negotiations/"
                    + m.consumerPid() + "/offers");
        }
        return start(Role.CONSUMER, from, m.providerPid(), m.callbackAddress(), m.offer(), "ContractOfferMessage", NegotiationMessage.OFFER, body);
    }

    private Reply<Negotiation> start(Role self, Requester from, String counterPartyPid, String address, Offer offer, String type,
                                     NegotiationMessage message, byte[] body) {
        Optional<Negotiation> known = store.findByCounterPartyPid(self, from.participantId(), counterPartyPid);
        if (known.isPresent()) {
            return Reply.ok(known.get()); // the counter-party repeated its start (it did not get our answer): same process
        }
        if (offer.target() == null) {
            return Reply.invalid("the offer names no target: say which dataset it is about");
        }
        Instant now = clock.instant();
        String id = newPid();
        Position<ContractNegotiationState> at = ContractNegotiationMachine.receive(Position.initial(), self, message).value();
        Negotiation n = self == Role.PROVIDER
                ? new Negotiation(id, self, counterPartyPid, id, from.participantId(), address, at, Odrl.write(offer).toString(), null, 0, now, now)
                : new Negotiation(id, self, id, counterPartyPid, from.participantId(), address, at, Odrl.write(offer).toString(), null, 0, now, now);
        Change change = new Change(n);
        change.log("received " + type, body);
        decideNext(change, Optional.of(from));
        Result<Negotiation> stored = store.create(change.negotiation, change.send, change.events);
        if (!stored.succeeded()) {
            // the same start arrived twice at once: the other one won
            return store.findByCounterPartyPid(self, from.participantId(), counterPartyPid).<Reply<Negotiation>>map(Reply::ok)
                    .orElseGet(() -> Reply.invalid(stored.problems().getFirst().message()));
        }
        afterCommit(change, stored.value());
        return Reply.ok(stored.value());
    }

    /** A message about an existing negotiation, addressed to this side's process {@code pid}. */
    public Reply<Negotiation> receive(Requester from, String pid, DspMessage message, byte[] body) {
        NegotiationMessage kind = kind(message);
        if (kind == null) {
            return Reply.invalid(message.getClass().getSimpleName() + " is not a contract negotiation message");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Negotiation> found = store.find(pid);
            if (found.isEmpty() || !found.get().counterPartyId().equals(from.participantId())) {
                return Reply.notFound("no contract negotiation " + pid + " here for " + from.participantId());
            }
            Negotiation n = found.get();
            Pids pids = pids(message);
            String own = n.role() == Role.PROVIDER ? pids.provider : pids.consumer;
            String theirs = n.role() == Role.PROVIDER ? pids.consumer : pids.provider;
            String knownTheirs = n.role() == Role.PROVIDER ? n.consumerPid() : n.providerPid();
            if (!pid.equals(own)) {
                return Reply.invalid("the message's " + (n.role() == Role.PROVIDER ? "providerPid" : "consumerPid") + " " + own
                        + " is not the process it was sent to (" + pid + ")");
            }
            if (theirs == null || knownTheirs != null && !knownTheirs.equals(theirs)) {
                return Reply.invalid("the message's " + (n.role() == Role.PROVIDER ? "consumerPid" : "providerPid") + " " + theirs
                        + " is not this negotiation's counter-party process (" + knownTheirs + ")");
            }
            Result<Position<ContractNegotiationState>> next = ContractNegotiationMachine.receive(n.position(), n.role(), kind);
            if (!next.succeeded()) {
                if (repeated(n, kind)) {
                    return Reply.ok(n); // a message sent again (at-least-once delivery) for the state both sides are in
                }
                return Reply.invalid(next.problems().getFirst().message());
            }
            Negotiation changed = n.with(next.value(), clock.instant());
            if (knownTheirs == null) {
                changed = changed.withCounterPartyPid(theirs);
            }
            Result<Negotiation> withContent = content(changed, message);
            if (!withContent.succeeded()) {
                return Reply.invalid(withContent.problems().getFirst().message());
            }
            Change change = new Change(withContent.value(), n.position().state());
            change.log("received " + type(message), body);
            decideNext(change, Optional.of(from));
            Result<Negotiation> stored = store.update(change.negotiation, change.send, change.events);
            if (stored.succeeded()) {
                afterCommit(change, stored.value());
                return Reply.ok(stored.value());
            }
        }
        return Reply.invalid("negotiation " + pid + " is changing too often right now; send the message again");
    }

    /** {@code GET /negotiations/:pid}: only its counter-party may see it. */
    public Reply<Negotiation> get(Requester from, String pid) {
        return store.find(pid).filter(n -> n.counterPartyId().equals(from.participantId())).<Reply<Negotiation>>map(Reply::ok)
                .orElseGet(() -> Reply.notFound("no contract negotiation " + pid + " here for " + from.participantId()));
    }

    private static boolean repeated(Negotiation n, NegotiationMessage kind) {
        if (kind == NegotiationMessage.REQUEST || kind == NegotiationMessage.OFFER || n.position().pending() != null) {
            return false; // (counter-)offers carry content: a second one is a new move, never a repetition
        }
        ContractNegotiationState reached = switch (kind) {
            case ACCEPTED -> ContractNegotiationState.ACCEPTED;
            case AGREEMENT -> ContractNegotiationState.AGREED;
            case VERIFICATION -> ContractNegotiationState.VERIFIED;
            case FINALIZED -> ContractNegotiationState.FINALIZED;
            case TERMINATION -> ContractNegotiationState.TERMINATED;
            default -> null;
        };
        return reached != null && reached == n.position().state();
    }

    /** What a received message brings besides its state: a counter-offer, the agreement, a callback address. */
    private Result<Negotiation> content(Negotiation n, DspMessage message) {
        return switch (message) {
            case ContractRequestMessage m -> Result.success(withOfferAndAddress(n, m.offer(), m.callbackAddress()));
            case ContractOfferMessage m -> Result.success(withOfferAndAddress(n, m.offer(), m.callbackAddress()));
            case ContractAgreementMessage m -> {
                Agreement a = m.agreement();
                if (!participantId.equals(a.assignee()) && !n.counterPartyId().equals(a.assigner())) {
                    yield Result.failure("the agreement's assignee " + a.assignee() + " is not this consumer (" + participantId
                            + ") and its assigner " + a.assigner() + " is not the provider (" + n.counterPartyId() + ")");
                }
                yield Result.success(n.withAgreement(Odrl.write(a).toString()));
            }
            default -> Result.success(n);
        };
    }

    private static Negotiation withOfferAndAddress(Negotiation n, Offer offer, String callbackAddress) {
        Negotiation c = offer == null ? n : n.withOffer(Odrl.write(offer).toString());
        return callbackAddress == null ? c : c.withCounterPartyAddress(callbackAddress);
    }

    // ================================================================================================= decided here

    /** As consumer: asks {@code counterPartyId} at its DSP base {@code address} for a contract on {@code offer} (with its target). */
    public Result<Negotiation> request(String address, String counterPartyId, Offer offer) {
        if (offer.target() == null) {
            return Result.failure("offer", "the offer names no target: copy the dataset id into it as the catalog's offers imply it");
        }
        Instant now = clock.instant();
        String id = newPid();
        Negotiation n = new Negotiation(id, Role.CONSUMER, id, null, counterPartyId, address, Position.initial(), Odrl.write(offer).toString(),
                null, 0, now, now);
        Change change = new Change(n);
        Result<Void> decided = apply(change, NegotiationDecision.send(NegotiationMessage.REQUEST));
        if (!decided.succeeded()) {
            return Result.failure(decided.problems());
        }
        Result<Negotiation> stored = store.create(change.negotiation, change.send, change.events);
        stored.map(s -> {
            afterCommit(change, s);
            return s;
        });
        return stored;
    }

    /** This side decides by hand (a user through the API): e.g. accept an offer, or terminate. */
    public Result<Negotiation> decide(String pid, NegotiationDecision decision) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Negotiation> found = store.find(pid);
            if (found.isEmpty()) {
                return Result.failure("no contract negotiation " + pid);
            }
            Change change = new Change(found.get());
            Result<Void> decided = apply(change, decision);
            if (!decided.succeeded()) {
                return Result.failure(decided.problems());
            }
            Result<Negotiation> stored = store.update(change.negotiation, change.send, change.events);
            if (stored.succeeded()) {
                afterCommit(change, stored.value());
                return stored;
            }
        }
        return Result.failure("negotiation " + pid + " is changing too often right now; try again");
    }

    // ================================================================================================= dispatcher

    /** The counter-party acknowledged a message of this negotiation: what was pending becomes the shared state. */
    public void delivered(OutboxMessage message, String answer) {
        update(message.processId(), n -> {
            ContractNegotiationState expected = pendingFor(message.entry().messageType(), n.role());
            Negotiation changed = n;
            if (n.role() == Role.CONSUMER && n.providerPid() == null || n.role() == Role.PROVIDER && n.consumerPid() == null) {
                String theirs = counterPartyPid(n.role(), answer);
                if (theirs != null) {
                    changed = changed.withCounterPartyPid(theirs);
                }
            }
            if (expected == null || changed.position().pending() != expected) {
                // overtaken: the counter-party already answered it (an early message), or this side decided again since
                return changed == n ? null : new Change(changed);
            }
            Change change = new Change(changed.with(ContractNegotiationMachine.acknowledge(changed.position()).value(), clock.instant()),
                    n.position().state());
            decideNext(change, Optional.empty());
            return change;
        });
    }

    /** A message of this negotiation was given up: the two sides cannot agree on where they are, so it ends here. */
    public void undeliverable(OutboxMessage message, String reason) {
        update(message.processId(), n -> {
            if (n.position().state() != null && n.position().state().terminal()) {
                return null;
            }
            Change change = new Change(n.with(Position.at(ContractNegotiationState.TERMINATED), clock.instant()));
            change.log("terminated: " + message.entry().messageType() + " undeliverable: " + reason, reason.getBytes(StandardCharsets.UTF_8));
            LOG.log(System.Logger.Level.WARNING, "negotiation {0} terminated here: its {1} could not be delivered ({2})", n.id(),
                    message.entry().messageType(), reason);
            return change;
        });
    }

    private void update(String pid, Function<Negotiation, Change> f) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Negotiation> found = store.find(pid);
            if (found.isEmpty()) {
                return;
            }
            Change change = f.apply(found.get());
            if (change == null) {
                return;
            }
            Result<Negotiation> stored = store.update(change.negotiation, change.send, change.events);
            if (stored.succeeded()) {
                afterCommit(change, stored.value());
                return;
            }
        }
        LOG.log(System.Logger.Level.WARNING, "negotiation {0}: gave up updating after {1} conflicting attempts", pid, ATTEMPTS);
    }

    // ================================================================================================= the change at hand

    /** A negotiation being changed, with what the change sends and logs. */
    private final class Change {
        Negotiation negotiation;
        final List<OutboxEntry> send = new ArrayList<>();
        final List<LogEvent> events = new ArrayList<>();
        final ContractNegotiationState before;

        Change(Negotiation negotiation) {
            this(negotiation, negotiation.version() == 0 ? null : negotiation.position().state());
        }

        /** @param before the state before this change (the negotiation given is already the changed one) */
        Change(Negotiation changed, ContractNegotiationState before) {
            this.negotiation = changed;
            this.before = before;
        }

        void log(String eventType, byte[] body) {
            events.add(new LogEvent(negotiation.id(), ProcessKind.NEGOTIATION, eventType, negotiation.counterPartyId(), agreementId(negotiation),
                    ExchangeChain.digest(body), clock.instant()));
        }
    }

    private void decideNext(Change change, Optional<Requester> from) {
        Position<ContractNegotiationState> at = change.negotiation.position();
        if (at.pending() != null || at.state() != null && at.state().terminal()) {
            return;
        }
        Optional<NegotiationDecision> next;
        try {
            next = decisions.next(change.negotiation, from);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "deciding the next step of negotiation " + change.negotiation.id() + " failed; it waits", e);
            return;
        }
        next.ifPresent(d -> {
            Result<Void> applied = apply(change, d);
            if (!applied.succeeded()) {
                LOG.log(System.Logger.Level.WARNING, "negotiation {0}: the decision to send {1} was not possible: {2}", change.negotiation.id(),
                        d.message(), applied.problems().getFirst().message());
            }
        });
    }

    /** Moves the negotiation to the decided pending state and queues the message that says so. */
    private Result<Void> apply(Change change, NegotiationDecision d) {
        Negotiation n = change.negotiation;
        Result<Position<ContractNegotiationState>> next = ContractNegotiationMachine.decide(n.position(), n.role(), d.message());
        if (!next.succeeded()) {
            return Result.failure(next.problems());
        }
        if (n.counterPartyAddress() == null) {
            return Result.failure("the counter-party's address is not known: nothing can be sent to it");
        }
        Instant now = clock.instant();
        n = n.with(next.value(), now);
        if (d.offer() != null) {
            n = n.withOffer(d.offer());
        }
        Result<Offer> offer = offer(n.offer());
        if (!offer.succeeded()) {
            return Result.failure(offer.problems());
        }
        String their = n.role() == Role.PROVIDER ? n.consumerPid() : n.providerPid();
        String base = n.counterPartyAddress();
        String path;
        DspMessage message;
        switch (d.message()) {
            case REQUEST -> {
                path = their == null ? "/negotiations/request" : "/negotiations/" + Addresses.segment(their) + "/request";
                // the schema's oneOf: an initial message says where replies go, a counter-offer names the process instead
                message = new ContractRequestMessage(n.consumerPid(), their, offer.value(), their == null ? callbackAddress.get() : null, Map.of());
            }
            case OFFER -> {
                path = their == null ? "/negotiations/offers" : "/negotiations/" + Addresses.segment(their) + "/offers";
                message = new ContractOfferMessage(n.providerPid(), their, offer.value(), their == null ? callbackAddress.get() : null, Map.of());
            }
            case AGREEMENT -> {
                Offer o = offer.value();
                Agreement agreement = new Agreement("urn:uuid:" + UUID.randomUUID(), o.target(), participantId, n.counterPartyId(), now,
                        o.profile(), o.permissions(), o.prohibitions(), o.obligations());
                n = n.withAgreement(Odrl.write(agreement).toString());
                path = "/negotiations/" + Addresses.segment(their) + "/agreement";
                message = new ContractAgreementMessage(n.providerPid(), n.consumerPid(), agreement, callbackAddress.get(), Map.of());
            }
            case ACCEPTED, FINALIZED -> {
                path = "/negotiations/" + Addresses.segment(their) + "/events";
                message = new ContractNegotiationEventMessage(n.providerPid(), n.consumerPid(),
                        d.message() == NegotiationMessage.ACCEPTED ? NegotiationEvent.ACCEPTED : NegotiationEvent.FINALIZED, Map.of());
            }
            case VERIFICATION -> {
                path = "/negotiations/" + Addresses.segment(their) + "/agreement/verification";
                message = new ContractAgreementVerificationMessage(n.providerPid(), n.consumerPid(), Map.of());
            }
            case TERMINATION -> {
                if (their == null) {
                    // the counter-party has not named its process yet: there is nothing to address; end it here
                    change.negotiation = n.with(Position.at(ContractNegotiationState.TERMINATED), now);
                    change.log("terminated here: " + d.reason(), d.reason().getBytes(StandardCharsets.UTF_8));
                    return Result.success(null);
                }
                path = "/negotiations/" + Addresses.segment(their) + "/termination";
                message = new ContractNegotiationTerminationMessage(n.providerPid(), n.consumerPid(), null,
                        List.of(Json.provider().createValue(d.reason())), Map.of());
            }
            default -> throw new IllegalStateException("unreachable: " + d.message());
        }
        byte[] body = DspJson.bytes(message);
        change.negotiation = n;
        change.send.add(new OutboxEntry(type(message), Addresses.join(base, path), new String(body, StandardCharsets.UTF_8)));
        change.log("sent " + type(message), body);
        return Result.success(null);
    }

    private void afterCommit(Change change, Negotiation stored) {
        if (!change.send.isEmpty() || !change.events.isEmpty()) {
            committed.run();
        }
        if (stored.position().state() == ContractNegotiationState.FINALIZED && change.before != ContractNegotiationState.FINALIZED) {
            try {
                finalized.finalized(stored);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "negotiation " + stored.id() + " is finalized, but telling about it failed", e);
            }
        }
    }

    // ================================================================================================= helpers

    private static String newPid() {
        return "urn:uuid:" + UUID.randomUUID();
    }

    static Result<Offer> offer(String json) {
        List<Problem> problems = new ArrayList<>();
        JsonObject object = stored(json);
        Offer offer = Odrl.readOffer(new Node(object, "", problems), Odrl.OfferPlace.MESSAGE);
        return problems.isEmpty() ? Result.success(offer) : Result.failure(problems);
    }

    /** The {@code @id} of the negotiation's agreement, or null. */
    public static String agreementId(Negotiation n) {
        if (n.agreement() == null) {
            return null;
        }
        JsonValue id = stored(n.agreement()).get("@id");
        return id instanceof jakarta.json.JsonString s ? s.getString() : null;
    }

    /** JSON this side stored itself (an offer, an agreement): it parsed when it was written. */
    public static JsonObject stored(String json) {
        try {
            return Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
        } catch (eu.federator.credentials.json.JsonSyntaxException e) {
            throw new IllegalStateException("stored negotiation JSON does not parse: " + e.getMessage(), e);
        }
    }

    private record Pids(String provider, String consumer) {
    }

    private static Pids pids(DspMessage message) {
        return switch (message) {
            case ContractRequestMessage m -> new Pids(m.providerPid(), m.consumerPid());
            case ContractOfferMessage m -> new Pids(m.providerPid(), m.consumerPid());
            case ContractAgreementMessage m -> new Pids(m.providerPid(), m.consumerPid());
            case ContractAgreementVerificationMessage m -> new Pids(m.providerPid(), m.consumerPid());
            case ContractNegotiationEventMessage m -> new Pids(m.providerPid(), m.consumerPid());
            case ContractNegotiationTerminationMessage m -> new Pids(m.providerPid(), m.consumerPid());
            default -> new Pids(null, null);
        };
    }

    /** The machine's message for a DSP message, or null when it is not one of contract negotiation. */
    public static NegotiationMessage kind(DspMessage message) {
        return switch (message) {
            case ContractRequestMessage m -> NegotiationMessage.REQUEST;
            case ContractOfferMessage m -> NegotiationMessage.OFFER;
            case ContractAgreementMessage m -> NegotiationMessage.AGREEMENT;
            case ContractAgreementVerificationMessage m -> NegotiationMessage.VERIFICATION;
            case ContractNegotiationEventMessage m -> m.eventType() == NegotiationEvent.ACCEPTED ? NegotiationMessage.ACCEPTED
                    : NegotiationMessage.FINALIZED;
            case ContractNegotiationTerminationMessage m -> NegotiationMessage.TERMINATION;
            default -> null;
        };
    }

    private static String type(DspMessage message) {
        return message.getClass().getSimpleName();
    }

    /** The state a sent message of this type was pending for (a consumer's event is ACCEPTED, a provider's FINALIZED). */
    private static ContractNegotiationState pendingFor(String messageType, Role sender) {
        return switch (messageType) {
            case "ContractRequestMessage" -> ContractNegotiationState.REQUESTED;
            case "ContractOfferMessage" -> ContractNegotiationState.OFFERED;
            case "ContractAgreementMessage" -> ContractNegotiationState.AGREED;
            case "ContractAgreementVerificationMessage" -> ContractNegotiationState.VERIFIED;
            case "ContractNegotiationTerminationMessage" -> ContractNegotiationState.TERMINATED;
            case "ContractNegotiationEventMessage" -> sender == Role.CONSUMER ? ContractNegotiationState.ACCEPTED
                    : ContractNegotiationState.FINALIZED;
            default -> null;
        };
    }

    /** The counter-party's pid from its answer to an initial message (a ContractNegotiation), or null. */
    private static String counterPartyPid(Role self, String answer) {
        if (answer == null || answer.isBlank()) {
            return null;
        }
        Result<ContractNegotiation> read = DspJson.read(answer.getBytes(StandardCharsets.UTF_8), ContractNegotiation.class);
        if (!read.succeeded()) {
            return null;
        }
        return self == Role.CONSUMER ? read.value().providerPid() : read.value().consumerPid();
    }
}
