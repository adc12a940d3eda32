package com.hirebuddha.ingestion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTString;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * Real documents of every accepted format, made by the libraries that write them (PDFBox,
 * POI), and the bad ones the pipeline must survive.
 */
public final class Fixtures {

	private Fixtures() {
	}

	/** A PDF with one page per text. */
	public static byte[] pdf(List<String> pages) throws IOException {
		return pdf(pages, null);
	}

	/** A PDF that opens only with a password. */
	public static byte[] encryptedPdf() throws IOException {
		return pdf(List.of("Secret contents."), "s3cret");
	}

	private static byte[] pdf(List<String> pages, String password) throws IOException {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			for (String text : pages) {
				PDPage page = new PDPage();
				document.addPage(page);
				try (PDPageContentStream content = new PDPageContentStream(document, page)) {
					content.beginText();
					content.setFont(font, 11);
					content.newLineAtOffset(50, 700);
					content.showText(text);
					content.endText();
				}
			}
			if (password != null) {
				StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + password, password,
						new AccessPermission());
				policy.setEncryptionKeyLength(128);
				document.protect(policy);
			}
			document.save(out);
			return out.toByteArray();
		}
	}

	/** A PDF header followed by nothing a parser can read. */
	public static byte[] malformedPdf() {
		return "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> garbage that never ends the object"
			.getBytes(StandardCharsets.US_ASCII);
	}

	/** A DOCX with a title, two headed sections and a paragraph each. */
	public static byte[] docx() throws IOException {
		try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			XWPFStyles styles = document.createStyles();
			for (int level = 1; level <= 2; level++) {
				CTStyle style = CTStyle.Factory.newInstance();
				style.setStyleId("Heading" + level);
				style.setType(STStyleType.PARAGRAPH);
				CTString name = CTString.Factory.newInstance();
				name.setVal("heading " + level);
				style.setName(name);
				styles.addStyle(new XWPFStyle(style));
			}
			heading(document, "Heading1", "Employee handbook");
			paragraph(document, "This handbook describes how we work together.");
			heading(document, "Heading2", "Holidays");
			paragraph(document, "Every employee has thirty days of paid holiday a year.");
			heading(document, "Heading2", "Notice period");
			paragraph(document, "The notice period is three months for both sides.");
			document.write(out);
			return out.toByteArray();
		}
	}

	private static void heading(XWPFDocument document, String style, String text) {
		XWPFParagraph paragraph = document.createParagraph();
		paragraph.setStyle(style);
		paragraph.createRun().setText(text);
	}

	private static void paragraph(XWPFDocument document, String text) {
		document.createParagraph().createRun().setText(text);
	}

	/** A PPTX with one text box per slide. */
	public static byte[] pptx(List<String> slides) throws IOException {
		try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			for (String text : slides) {
				XSLFSlide slide = show.createSlide();
				XSLFTextBox box = slide.createTextBox();
				box.setAnchor(new java.awt.Rectangle(50, 50, 600, 100));
				box.setText(text);
			}
			show.write(out);
			return out.toByteArray();
		}
	}

	/** An XLSX with one sheet of rows. */
	public static byte[] xlsx(String sheetName, List<List<String>> rows) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			XSSFSheet sheet = workbook.createSheet(sheetName);
			for (int r = 0; r < rows.size(); r++) {
				var row = sheet.createRow(r);
				for (int c = 0; c < rows.get(r).size(); c++) {
					row.createCell(c).setCellValue(rows.get(r).get(c));
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
	}

	/**
	 * A DOCX whose one part inflates from a few hundred kilobytes to 256 MB of XML: the
	 * classic zip bomb.
	 */
	public static byte[] zipBombDocx() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
					+ "package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/"
					+ "vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\""
					+ "application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/"
					+ "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")
				.getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("_rels/.rels"));
			zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
					+ "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://"
					+ "schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\""
					+ "word/document.xml\"/></Relationships>")
				.getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("word/document.xml"));
			zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas."
					+ "openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>")
				.getBytes(StandardCharsets.UTF_8));
			byte[] filler = new byte[1024 * 1024];
			java.util.Arrays.fill(filler, (byte) 'a');
			for (int i = 0; i < 256; i++) {
				zip.write(filler);
			}
			zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

	/** The first bytes of a PNG image. */
	public static byte[] png() {
		return new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0,
				0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0 };
	}

}
