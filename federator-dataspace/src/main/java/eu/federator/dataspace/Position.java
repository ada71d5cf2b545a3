package eu.federator.dataspace;

/**
 * Where a negotiation or transfer stands on one side.
 *
 * @param state   the state both sides share: changed only when the counter-party acknowledged the message (DSP); null
 *                before the first message was acknowledged
 * @param pending the state this side decided on and whose message is on its way (in the outbox), not yet
 *                acknowledged; null when nothing is in flight. EDC calls these the {@code *ING} states.
 */
public record Position<S extends Enum<S>>(S state, S pending) {

    public static <S extends Enum<S>> Position<S> initial() {
        return new Position<>(null, null);
    }

    public static <S extends Enum<S>> Position<S> at(S state) {
        return new Position<>(state, null);
    }

    @Override
    public String toString() {
        return (state == null ? "(none)" : state.name()) + (pending == null ? "" : " -> " + pending.name() + " (sending)");
    }
}
