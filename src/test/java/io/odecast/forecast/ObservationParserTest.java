package io.odecast.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObservationParserTest {

    private static final ObservationParser PARSER = new ObservationParser(256);
    private static final Optional<List<String>> HARE_LYNX = Optional.of(List.of("hares", "lynx"));

    @Test
    void acceptsANumericTimeAndPutsVariablesInTheSeriesOrder() {
        ParseResult r = PARSER.parse("hudson-bay", "{\"t\": 1903, \"values\": {\"lynx\": 35.2, \"hares\": 77.4}}", HARE_LYNX);
        Observation o = ((ParseResult.Accepted) r).observation();
        assertThat(o.series()).isEqualTo("hudson-bay");
        assertThat(o.time()).isEqualTo(1903.0);
        assertThat(o.variables()).containsExactly("hares", "lynx");
        assertThat(o.values()).containsExactly(77.4, 35.2);
    }

    @Test
    void acceptsAnIsoTimestampAsEpochSeconds() {
        ParseResult r = PARSER.parse("s", "{\"time\": \"1970-01-01T00:01:40.5+00:00\", \"values\": {\"x\": 1}}", Optional.empty());
        assertThat(((ParseResult.Accepted) r).observation().time()).isEqualTo(100.5);
    }

    @Test
    void aNewSeriesTakesItsVariablesInSortedOrder() {
        ParseResult r = PARSER.parse("s", "{\"t\": 0, \"values\": {\"b\": 2, \"a\": 1}}", Optional.empty());
        Observation o = ((ParseResult.Accepted) r).observation();
        assertThat(o.variables()).containsExactly("a", "b");
        assertThat(o.values()).containsExactly(1.0, 2.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "UNPARSABLE       | hudson-bay | {\"t\": 1,                      | not JSON",
        "UNPARSABLE       | hudson-bay | [1, 2]                           | must be a JSON object, got array",
        "BAD_KEY          | ''         | {\"t\": 1, \"values\": {\"hares\": 1, \"lynx\": 1}} | series id must be",
        "BAD_TIME         | hudson-bay | {\"values\": {\"hares\": 1, \"lynx\": 1}} | no time",
        "BAD_TIME         | hudson-bay | {\"t\": \"1903\", \"values\": {\"hares\": 1, \"lynx\": 1}} | \"t\" must be a number",
        "BAD_TIME         | hudson-bay | {\"time\": \"yesterday\", \"values\": {\"hares\": 1, \"lynx\": 1}} | ISO-8601",
        "BAD_TIME         | hudson-bay | {\"t\": 1, \"time\": \"2026-01-01T00:00:00Z\", \"values\": {\"hares\": 1, \"lynx\": 1}} | not both",
        "WRONG_TYPE       | hudson-bay | {\"t\": 1, \"values\": {\"hares\": \"many\", \"lynx\": 1}} | \"hares\" must be a number",
        "NON_FINITE       | hudson-bay | {\"t\": 1, \"values\": {\"hares\": \"NaN\", \"lynx\": 1}} | \"hares\" is NaN",
        "NON_FINITE       | hudson-bay | {\"t\": 1, \"values\": {\"hares\": 1e999, \"lynx\": 1}} | out of range",
        "UNKNOWN_VARIABLE | hudson-bay | {\"t\": 1, \"values\": {\"hares\": 1, \"lynx\": 1, \"wolves\": 3}} | no variable \"wolves\"",
        "MISSING_VARIABLE | hudson-bay | {\"t\": 1, \"values\": {\"hares\": 1}} | needs \"lynx\"",
        "MISSING_VARIABLE | hudson-bay | {\"t\": 1} | \"values\" must be an object",
    })
    void rejectsWithTheReasonAndAnActionableDetail(RejectReason reason, String key, String value, String detail) {
        ParseResult r = PARSER.parse(key, value, HARE_LYNX);
        assertThat(r).isInstanceOf(ParseResult.Rejected.class);
        ParseResult.Rejected rejected = (ParseResult.Rejected) r;
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.detail()).contains(detail);
    }

    @Test
    void rejectsOversizedNullAndKeylessRecords() {
        String big = "{\"t\": 1, \"values\": {\"hares\": 1, \"lynx\": 1}, \"pad\": \"" + "x".repeat(300) + "\"}";
        assertThat(((ParseResult.Rejected) PARSER.parse("k", big, HARE_LYNX)).reason()).isEqualTo(RejectReason.OVERSIZED);
        assertThat(((ParseResult.Rejected) PARSER.parse("k", (String) null, HARE_LYNX)).reason()).isEqualTo(RejectReason.UNPARSABLE);
        assertThat(((ParseResult.Rejected) PARSER.parse(null, "{}", HARE_LYNX)).detail()).contains("the key is the series id");
        assertThat(RejectReason.MISSING_VARIABLE.id()).isEqualTo("missing-variable");
    }
}
