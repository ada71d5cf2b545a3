package eu.federator.dataspace.policy;

import eu.federator.dataspace.Result;

import java.util.List;

/** Reads the value(s) of one left operand from the context. */
@FunctionalInterface
public interface LeftOperandFunction {

    /**
     * The operand's values (several for set-valued operands such as credential types; possibly none), or a failure
     * saying why they cannot be known, which denies the policy.
     */
    Result<List<String>> values(PolicyContext context);
}
