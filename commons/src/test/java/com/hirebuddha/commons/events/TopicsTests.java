package com.hirebuddha.commons.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topics the services declare and the ones the local broker script creates are the
 * same list, so a topic added in one place cannot be forgotten in the other.
 */
class TopicsTests {

	@Test
	void localBrokerCreatesExactlyTheTopicsTheServicesUse() throws IOException {
		List<String[]> rows = Files.readAllLines(Path.of("../deploy/local/topics.conf"))
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.map((line) -> line.split("\\s+"))
			.toList();
		assertThat(rows.stream().map((row) -> row[0]).toList()).containsExactlyElementsOf(Topics.ALL);
		assertThat(rows.stream().filter((row) -> List.of(row).contains("cleanup.policy=compact")).map((row) -> row[0]))
			.containsExactlyElementsOf(Topics.COMPACTED);
	}

	@Test
	void deadLetterTopicIsTheTopicWithADltSuffix() {
		assertThat(Topics.deadLetter(Topics.USAGE_RECORDED)).isEqualTo("usage.recorded.dlt");
	}

}
