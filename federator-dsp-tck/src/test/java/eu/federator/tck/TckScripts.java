package eu.federator.tck;

import eu.federator.dataspace.negotiation.NegotiationDecision;
import eu.federator.dataspace.negotiation.NegotiationMessage;
import eu.federator.dataspace.protocol.ContractNegotiationState;
import eu.federator.dataspace.protocol.TransferProcessState;
import eu.federator.dataspace.transfer.TransferDecision;
import eu.federator.dataspace.transfer.TransferMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static eu.federator.dataspace.protocol.ContractNegotiationState.ACCEPTED;
import static eu.federator.dataspace.protocol.ContractNegotiationState.AGREED;
import static eu.federator.dataspace.protocol.ContractNegotiationState.OFFERED;
import static eu.federator.dataspace.protocol.ContractNegotiationState.REQUESTED;
import static eu.federator.dataspace.protocol.ContractNegotiationState.VERIFIED;
import static eu.federator.dataspace.protocol.TransferProcessState.STARTED;
import static eu.federator.dataspace.protocol.TransferProcessState.SUSPENDED;

/**
 * Federator's part in each TCK test, read off the TCK's sequence diagrams and the actions its tests record on their
 * (against a real connector: inert) mocks. Negotiations are keyed by dataset id, transfers by agreement id; a test
 * whose id is missing here lets the TCK drive everything (Federator only answers).
 */
final class TckScripts {
    private TckScripts() {
    }

    /** Provider negotiations (CN:gg-nn, dataset ACNggnn). */
    private static final Map<String, Script<ContractNegotiationState, NegotiationDecision>> PROVIDER_NEGOTIATIONS = Map.ofEntries(
            Map.entry("ACN0101", cn(REQUESTED, offer())),
            Map.entry("ACN0102", cn(REQUESTED, offer(), REQUESTED, terminate())),
            Map.entry("ACN0103", cn(REQUESTED, offer(), ACCEPTED, send(NegotiationMessage.AGREEMENT), VERIFIED, send(NegotiationMessage.FINALIZED))),
            Map.entry("ACN0104", cn(REQUESTED, send(NegotiationMessage.AGREEMENT), VERIFIED, send(NegotiationMessage.FINALIZED))),
            Map.entry("ACN0201", cn(REQUESTED, terminate())),
            Map.entry("ACN0203", cn(REQUESTED, send(NegotiationMessage.AGREEMENT))),
            Map.entry("ACN0204", cn(REQUESTED, offer())),
            Map.entry("ACN0205", cn(REQUESTED, offer(), OFFERED, terminate())),
            Map.entry("ACN0206", cn(REQUESTED, offer(), ACCEPTED, terminate())),
            Map.entry("ACN0207", cn(REQUESTED, send(NegotiationMessage.AGREEMENT), VERIFIED, terminate())),
            Map.entry("ACN0301", cn(REQUESTED, send(NegotiationMessage.AGREEMENT), VERIFIED, send(NegotiationMessage.FINALIZED))),
            Map.entry("ACN0302", cn(REQUESTED, offer())),
            Map.entry("ACN0303", cn(REQUESTED, offer())),
            Map.entry("ACN0304", cn(REQUESTED, offer())));

    /** Consumer negotiations (CN_C:gg-nn, dataset ACNCggnn), started through the initiate endpoint. */
    private static final Map<String, Script<ContractNegotiationState, NegotiationDecision>> CONSUMER_NEGOTIATIONS = Map.ofEntries(
            Map.entry("ACNC0101", cn(OFFERED, send(NegotiationMessage.ACCEPTED), AGREED, send(NegotiationMessage.VERIFICATION))),
            Map.entry("ACNC0102", cn(OFFERED, send(NegotiationMessage.REQUEST))),
            Map.entry("ACNC0103", cn(OFFERED, terminate())),
            Map.entry("ACNC0104", cn(AGREED, send(NegotiationMessage.VERIFICATION))),
            Map.entry("ACNC0202", cn(REQUESTED, terminate())),
            Map.entry("ACNC0203", cn(AGREED, terminate())),
            Map.entry("ACNC0205", cn(OFFERED, send(NegotiationMessage.ACCEPTED))),
            Map.entry("ACNC0206", cn(AGREED, send(NegotiationMessage.VERIFICATION))),
            Map.entry("ACNC0304", cn(OFFERED, send(NegotiationMessage.ACCEPTED))),
            Map.entry("ACNC0305", cn(OFFERED, send(NegotiationMessage.ACCEPTED))),
            Map.entry("ACNC0306", cn(OFFERED, send(NegotiationMessage.ACCEPTED))));

    /** Provider transfers (TP:gg-nn, agreement ATPggnn). */
    private static final Map<String, Script<TransferProcessState, TransferDecision>> PROVIDER_TRANSFERS = Map.ofEntries(
            Map.entry("ATP0101", tp(TransferProcessState.REQUESTED, start(), STARTED, stop())),
            Map.entry("ATP0102", tp(TransferProcessState.REQUESTED, start(), STARTED, complete())),
            Map.entry("ATP0103", tp(TransferProcessState.REQUESTED, start(), STARTED, suspend(), SUSPENDED, stop())),
            Map.entry("ATP0104", tp(TransferProcessState.REQUESTED, start(), STARTED, suspend(), SUSPENDED, start(), STARTED, complete())),
            Map.entry("ATP0105", tp(TransferProcessState.REQUESTED, stop())),
            Map.entry("ATP0201", tp(TransferProcessState.REQUESTED, start())),
            Map.entry("ATP0202", tp(TransferProcessState.REQUESTED, start())),
            Map.entry("ATP0203", tp(TransferProcessState.REQUESTED, start())),
            Map.entry("ATP0204", tp(TransferProcessState.REQUESTED, start())),
            Map.entry("ATP0303", tp(TransferProcessState.REQUESTED, start())),
            Map.entry("ATP0304", tp(TransferProcessState.REQUESTED, start())),
            Map.entry("ATP0305", tp(TransferProcessState.REQUESTED, start())),
            Map.entry("ATP0306", tp(TransferProcessState.REQUESTED, start())));

    /** Consumer transfers (TP_C:gg-nn, agreement ATPCggnn), started through the initiate endpoint. */
    private static final Map<String, Script<TransferProcessState, TransferDecision>> CONSUMER_TRANSFERS = Map.ofEntries(
            Map.entry("ATPC0201", tp(STARTED, stop())),
            Map.entry("ATPC0202", tp(STARTED, complete())),
            Map.entry("ATPC0203", tp(STARTED, suspend(), SUSPENDED, stop())),
            Map.entry("ATPC0204", tp(STARTED, suspend(), SUSPENDED, start(), STARTED, complete())),
            Map.entry("ATPC0205", tp(TransferProcessState.REQUESTED, stop())));

    // a TCK id without steps gets an empty script: Federator then only answers, the automatic decisions stay out

    static Optional<Script<ContractNegotiationState, NegotiationDecision>> providerNegotiation(String datasetId) {
        return lookup(PROVIDER_NEGOTIATIONS, datasetId, TckIds.CN.stream().map(TckIds::dataset).toList());
    }

    static Optional<Script<ContractNegotiationState, NegotiationDecision>> consumerNegotiation(String datasetId) {
        return lookup(CONSUMER_NEGOTIATIONS, datasetId, TckIds.CN_C.stream().map(TckIds::consumerDataset).toList());
    }

    static Optional<Script<TransferProcessState, TransferDecision>> providerTransfer(String agreementId) {
        return lookup(PROVIDER_TRANSFERS, agreementId, TckIds.TP.stream().map(TckIds::agreement).toList());
    }

    static Optional<Script<TransferProcessState, TransferDecision>> consumerTransfer(String agreementId) {
        return lookup(CONSUMER_TRANSFERS, agreementId, TckIds.TP_C.stream().map(TckIds::consumerAgreement).toList());
    }

    private static <S extends Enum<S>, D> Optional<Script<S, D>> lookup(Map<String, Script<S, D>> scripts, String id, List<String> tckIds) {
        if (id == null || !tckIds.contains(id)) {
            return Optional.empty();
        }
        return Optional.of(scripts.getOrDefault(id, Script.none()));
    }

    private static NegotiationDecision send(NegotiationMessage message) {
        return NegotiationDecision.send(message);
    }

    private static NegotiationDecision offer() {
        return NegotiationDecision.send(NegotiationMessage.OFFER);
    }

    private static NegotiationDecision terminate() {
        return NegotiationDecision.terminate("the TCK test's script terminates here");
    }

    private static TransferDecision start() {
        return TransferDecision.send(TransferMessage.START);
    }

    private static TransferDecision complete() {
        return TransferDecision.send(TransferMessage.COMPLETION);
    }

    private static TransferDecision suspend() {
        return new TransferDecision(TransferMessage.SUSPENSION, "the TCK test's script suspends here");
    }

    private static TransferDecision stop() {
        return TransferDecision.terminate("the TCK test's script terminates here");
    }

    /** Pairs of (state, decision). */
    private static Script<ContractNegotiationState, NegotiationDecision> cn(Object... stateThenDecision) {
        List<Script.Step<ContractNegotiationState, NegotiationDecision>> steps = new ArrayList<>();
        for (int i = 0; i < stateThenDecision.length; i += 2) {
            steps.add(new Script.Step<>((ContractNegotiationState) stateThenDecision[i], (NegotiationDecision) stateThenDecision[i + 1]));
        }
        return new Script<>(steps);
    }

    private static Script<TransferProcessState, TransferDecision> tp(Object... stateThenDecision) {
        List<Script.Step<TransferProcessState, TransferDecision>> steps = new ArrayList<>();
        for (int i = 0; i < stateThenDecision.length; i += 2) {
            steps.add(new Script.Step<>((TransferProcessState) stateThenDecision[i], (TransferDecision) stateThenDecision[i + 1]));
        }
        return new Script<>(steps);
    }
}
