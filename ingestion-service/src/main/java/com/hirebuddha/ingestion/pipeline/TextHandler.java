package com.hirebuddha.ingestion.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.hirebuddha.ingestion.text.ExtractedText;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns Tika's XHTML events into {@link ExtractedText}: the text with line breaks where
 * blocks end, where each page (a PDF page, a slide, a sheet) begins, and the headings
 * ({@code h1}-{@code h6}) with their offsets. Stops with {@link TooMuchText} once the
 * text passes its limit, so a document cannot fill the heap.
 */
final class TextHandler extends DefaultHandler {

	private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "table", "ul", "ol", "br", "h1", "h2",
			"h3", "h4", "h5", "h6", "pre", "blockquote", "section", "article");

	private final StringBuilder text = new StringBuilder();

	private final List<Integer> pageStarts = new ArrayList<>();

	private final List<ExtractedText.Heading> headings = new ArrayList<>();

	private final int maxChars;

	private @Nullable StringBuilder heading;

	private int headingLevel;

	private int headingOffset;

	private int skipDepth;

	TextHandler(int maxChars) {
		this.maxChars = maxChars;
	}

	@Override
	public void startElement(String uri, String localName, String qName, Attributes attributes) {
		String name = localName.isEmpty() ? qName : localName;
		if ("script".equals(name) || "style".equals(name) || "head".equals(name)) {
			this.skipDepth++;
			return;
		}
		String css = attributes.getValue("class");
		if ("div".equals(name) && ("page".equals(css) || "slide-content".equals(css))) {
			newline();
			this.pageStarts.add(this.text.length());
		}
		if (name.length() == 2 && name.charAt(0) == 'h' && Character.isDigit(name.charAt(1))) {
			newline();
			this.heading = new StringBuilder();
			this.headingLevel = name.charAt(1) - '0';
			this.headingOffset = this.text.length();
		}
		if ("td".equals(name) || "th".equals(name)) {
			if (this.text.length() > 0 && this.text.charAt(this.text.length() - 1) != '\n') {
				append("\t");
			}
		}
	}

	@Override
	public void endElement(String uri, String localName, String qName) {
		String name = localName.isEmpty() ? qName : localName;
		if ("script".equals(name) || "style".equals(name) || "head".equals(name)) {
			this.skipDepth = Math.max(0, this.skipDepth - 1);
			return;
		}
		StringBuilder open = this.heading;
		if (open != null && name.length() == 2 && name.charAt(0) == 'h' && Character.isDigit(name.charAt(1))) {
			String title = open.toString().strip().replaceAll("\\s+", " ");
			if (!title.isEmpty()) {
				this.headings.add(new ExtractedText.Heading(this.headingLevel, title, this.headingOffset));
			}
			this.heading = null;
		}
		if (BLOCKS.contains(name)) {
			newline();
		}
	}

	@Override
	public void characters(char[] ch, int start, int length) {
		if (this.skipDepth > 0) {
			return;
		}
		append(new String(ch, start, length));
		StringBuilder open = this.heading;
		if (open != null && open.length() < 500) {
			open.append(ch, start, length);
		}
	}

	@Override
	public void ignorableWhitespace(char[] ch, int start, int length) {
		characters(ch, start, length);
	}

	private void newline() {
		int length = this.text.length();
		if (length > 0 && this.text.charAt(length - 1) != '\n') {
			append("\n");
		}
	}

	private void append(String chars) {
		if (this.text.length() + chars.length() > this.maxChars) {
			throw new TooMuchText(this.maxChars);
		}
		this.text.append(chars);
	}

	ExtractedText result() {
		return new ExtractedText(this.text.toString(), List.copyOf(this.pageStarts), List.copyOf(this.headings));
	}

	/**
	 * The extracted text passed the limit.
	 */
	static final class TooMuchText extends RuntimeException {

		TooMuchText(int maxChars) {
			super("its text is longer than the limit of " + maxChars + " characters", null, false, false);
		}

	}

}
