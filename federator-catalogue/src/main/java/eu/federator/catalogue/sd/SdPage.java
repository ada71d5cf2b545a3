package eu.federator.catalogue.sd;

import java.util.List;

/** One page of self-descriptions and how many match in total. */
public record SdPage(long totalCount, List<SelfDescription> items) {
    public SdPage {
        items = List.copyOf(items);
    }
}
