package eu.federator.tck;

import eu.federator.dataspace.Result;
import eu.federator.dataspace.dataplane.DataFlow;
import eu.federator.dataspace.dataplane.DataPlane;
import eu.federator.dataspace.protocol.DspMessage.DataAddress;
import eu.federator.dataspace.protocol.DspMessage.EndpointProperty;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A data plane for the transfer tests: it serves the TCK's pull format by handing out an address with a token. The TCK
 * tests the control plane only and never fetches data, so the address leads nowhere ({@code .invalid}, RFC 6761).
 */
final class TckDataPlane implements DataPlane {

    @Override
    public Set<String> formats() {
        return Set.of(TckIds.FORMAT);
    }

    @Override
    public Result<Optional<DataAddress>> start(DataFlow flow) {
        return Result.success(Optional.of(new DataAddress("https://w3id.org/idsa/v4.1/HTTP", "https://data.tck.invalid/" + flow.transferId(),
                List.of(new EndpointProperty("authorization", UUID.randomUUID().toString()), new EndpointProperty("authType", "bearer")))));
    }

    @Override
    public void suspend(String transferId) {
    }

    @Override
    public void end(String transferId) {
    }
}
