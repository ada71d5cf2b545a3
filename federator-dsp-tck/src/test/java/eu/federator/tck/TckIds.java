package eu.federator.tck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ids the TCK's tests use, as its {@code @ConfigParam} keys ({@code <TEST METHOD>_<FIELD>}, e.g.
 * {@code CN_01_01_OFFERID}) and as the seed data of this connector. Without them the TCK makes up random UUIDs, which no
 * connector could know. The naming follows the TCK's sample configuration: datasets {@code ACN0101}, offers
 * {@code CD123:ACN0101:456}, agreements {@code ATP0101} (provider) and {@code ATPC0101} (consumer).
 */
final class TckIds {
    static final String PARTICIPANT = "TCK_PARTICIPANT";
    static final String FORMAT = "HttpData-PULL";

    /** The catalog tests: CAT:01-01 and 01-02 ask for datasets that exist, CAT:01-03 for one that does not. */
    static final List<String> CATALOG_DATASETS = List.of("CAT0101", "CAT0102");
    static final String MISSING_DATASET = "CAT0103";

    /** The provider-side negotiation tests (CN:gg-nn). */
    static final List<String> CN = List.of("01_01", "01_02", "01_03", "01_04", "02_01", "02_02", "02_03", "02_04", "02_05", "02_06",
            "02_07", "03_01", "03_02", "03_03", "03_04");
    /** The consumer-side negotiation tests (CN_C:gg-nn). */
    static final List<String> CN_C = List.of("01_01", "01_02", "01_03", "01_04", "02_01", "02_02", "02_03", "02_04", "02_05", "02_06",
            "03_01", "03_02", "03_03", "03_04", "03_05", "03_06");
    /** The provider-side transfer tests (TP:gg-nn). */
    static final List<String> TP = List.of("01_01", "01_02", "01_03", "01_04", "01_05", "02_01", "02_02", "02_03", "02_04", "02_05",
            "03_01", "03_02", "03_03", "03_04", "03_05", "03_06");
    /** The consumer-side transfer tests (TP_C:gg-nn). */
    static final List<String> TP_C = List.of("01_01", "01_02", "01_03", "01_04", "01_05", "02_01", "02_02", "02_03", "02_04", "02_05",
            "03_01", "03_02", "03_03", "03_04", "03_05", "03_06");

    private TckIds() {
    }

    static String dataset(String test) {
        return "ACN" + test.replace("_", "");
    }

    static String offer(String dataset) {
        return "CD123:" + dataset + ":456";
    }

    static String consumerDataset(String test) {
        return "ACNC" + test.replace("_", "");
    }

    static String agreement(String test) {
        return "ATP" + test.replace("_", "");
    }

    static String consumerAgreement(String test) {
        return "ATPC" + test.replace("_", "");
    }

    /** Every provider-side dataset that negotiations ask for. */
    static List<String> negotiationDatasets() {
        return CN.stream().map(TckIds::dataset).toList();
    }

    /** The TCK's configuration keys for all of the above. */
    static Map<String, String> configuration() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("CAT_01_01_DATASETID", CATALOG_DATASETS.get(0));
        keys.put("CAT_01_02_DATASETID", CATALOG_DATASETS.get(1));
        keys.put("CAT_01_03_DATASETID", MISSING_DATASET);
        for (String test : CN) {
            keys.put("CN_" + test + "_DATASETID", dataset(test));
            keys.put("CN_" + test + "_OFFERID", offer(dataset(test)));
        }
        for (String test : CN_C) {
            keys.put("CN_C_" + test + "_DATASETID", consumerDataset(test));
        }
        for (String test : TP) {
            keys.put("TP_" + test + "_AGREEMENTID", agreement(test));
            keys.put("TP_" + test + "_FORMAT", FORMAT);
        }
        for (String test : TP_C) {
            keys.put("TP_C_" + test + "_AGREEMENTID", consumerAgreement(test));
            keys.put("TP_C_" + test + "_FORMAT", FORMAT);
        }
        return keys;
    }
}
