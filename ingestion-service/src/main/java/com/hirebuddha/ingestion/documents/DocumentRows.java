package com.hirebuddha.ingestion.documents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.hirebuddha.ingestion.documents.DocumentView.Progress;
import org.jspecify.annotations.Nullable;

/**
 * How a document row reads.
 */
final class DocumentRows {

	static final String SELECT = """
			select id, knowledge_base_id, name, media_type, size_bytes, sha256, status, failure_reason, progress_done,
			       progress_total, progress_unit, pages, chunk_count, embedding_tokens, attempts, metadata, created_at,
			       updated_at, ready_at
			from document
			""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private DocumentRows() {
	}

	static DocumentView view(ResultSet rs, int row) throws SQLException {
		int pages = rs.getInt("pages");
		Integer pagesOrNull = rs.wasNull() ? null : pages;
		return new DocumentView(rs.getObject("id", UUID.class), rs.getObject("knowledge_base_id", UUID.class),
				rs.getString("name"), rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
				DocumentStatus.valueOf(rs.getString("status")), rs.getString("failure_reason"),
				new Progress(rs.getInt("progress_done"), rs.getInt("progress_total"), rs.getString("progress_unit")),
				pagesOrNull, rs.getInt("chunk_count"), rs.getLong("embedding_tokens"), rs.getInt("attempts"),
				JSON.readValue(rs.getString("metadata"), MAP), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("updated_at")), instantOrNull(rs.getTimestamp("ready_at")));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp.toInstant();
	}

	private static @Nullable Instant instantOrNull(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
