package com.hirebuddha.ingestion.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The words full text indexes and asks for, in scripts with and without spaces.
 */
class LexemesTests {

	@Test
	void wordsAreLowerCasedAsWrittenWithoutStemming() {
		assertThat(Lexemes.document("Die Kündigungsfrist beträgt DREI Monate."))
			.isEqualTo("die kündigungsfrist beträgt drei monate");
		assertThat(Lexemes.query("Kündigungsfrist?")).isEqualTo("'kündigungsfrist'");
	}

	@Test
	void chineseJapaneseAndKoreanRunsBecomeCharacterPairs() {
		assertThat(Lexemes.document("東京都の人口")).isEqualTo("東京 京都 都の の人 人口");
		assertThat(Lexemes.query("東京 refunds")).isEqualTo("'東京' | 'refunds'");
		assertThat(Lexemes.query("東京都")).isEqualTo("('東京' <-> '京都')");
	}

	@Test
	void queriesWithoutWordsAreEmptyAndQuotesCannotBreakOut() {
		assertThat(Lexemes.query("?!  ...")).isEmpty();
		assertThat(Lexemes.query("o'brien")).isEqualTo("'o' | 'brien'");
	}

}
