package com.hirebuddha.billing.invoices;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/**
 * Renders an invoice as a one-table PDF: who, which month, one line per model, the total.
 * Amounts are shown in the currency's units with six decimals, exactly as stored.
 */
final class InvoicePdf {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

	private InvoicePdf() {
	}

	static byte[] render(InvoiceView invoice) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4, 48, 48, 56, 56);
		PdfWriter.getInstance(document, out);
		document.addTitle("Invoice " + invoice.number());
		document.addCreator("HireBuddha billing-service");
		document.open();
		Font title = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 18);
		Font plain = FontFactory.getFont(FontFactory.HELVETICA, 10);
		Font bold = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);
		document.add(new Paragraph("Invoice " + invoice.number(), title));
		document.add(new Paragraph(
				"Issued by: " + ("platform".equals(invoice.issuer()) ? "HireBuddha" : "partner " + invoice.issuer()),
				plain));
		document.add(new Paragraph("Billed to: tenant " + invoice.tenantId(), plain));
		document.add(new Paragraph("Period: " + invoice.period() + " (" + DAY.format(invoice.periodStart()) + " to "
				+ DAY.format(invoice.periodEnd().minusSeconds(1)) + ", UTC)", plain));
		document.add(new Paragraph(
				"Issued: " + DAY.format(invoice.issuedAt()) + "    Due: " + DAY.format(invoice.dueAt()), plain));
		document.add(new Paragraph(" ", plain));
		PdfPTable table = new PdfPTable(new float[] { 4, 1.3f, 2, 2, 2.4f });
		table.setWidthPercentage(100);
		for (String heading : List.of("Model", "Calls", "Input tokens", "Output tokens",
				"Amount (" + invoice.currency() + ")")) {
			table.addCell(cell(heading, bold, Element.ALIGN_LEFT));
		}
		List<InvoiceView.Line> lines = (invoice.lines() != null) ? invoice.lines() : List.of();
		for (InvoiceView.Line line : lines) {
			table.addCell(cell(line.sku(), plain, Element.ALIGN_LEFT));
			table.addCell(cell(Long.toString(line.calls()), plain, Element.ALIGN_RIGHT));
			table.addCell(cell(Long.toString(line.inputTokens() + line.embeddingTokens()), plain, Element.ALIGN_RIGHT));
			table.addCell(cell(Long.toString(line.outputTokens()), plain, Element.ALIGN_RIGHT));
			table.addCell(cell(money(line.amountMicros()), plain, Element.ALIGN_RIGHT));
		}
		PdfPCell label = cell("Total", bold, Element.ALIGN_LEFT);
		label.setColspan(4);
		table.addCell(label);
		table.addCell(cell(money(invoice.totalMicros()), bold, Element.ALIGN_RIGHT));
		document.add(table);
		document.close();
		return out.toByteArray();
	}

	static String money(long micros) {
		return BigDecimal.valueOf(micros).movePointLeft(6).setScale(6, RoundingMode.UNNECESSARY).toPlainString();
	}

	private static PdfPCell cell(String text, Font font, int alignment) {
		PdfPCell cell = new PdfPCell(new Phrase(text, font));
		cell.setHorizontalAlignment(alignment);
		cell.setPadding(4);
		return cell;
	}

}
