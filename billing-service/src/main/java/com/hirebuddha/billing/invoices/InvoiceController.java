package com.hirebuddha.billing.invoices;

import java.time.YearMonth;
import java.util.UUID;

import com.hirebuddha.commons.security.Caller;
import com.hirebuddha.commons.web.PageQuery;
import com.hirebuddha.commons.web.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /invoices}: issue a month (the platform, or the tenant's partner admin), list,
 * read, and download as PDF.
 */
@RestController
@RequestMapping("/api/v1/invoices")
class InvoiceController {

	private final Invoices invoices;

	InvoiceController(Invoices invoices) {
		this.invoices = invoices;
	}

	@PostMapping
	ResponseEntity<InvoiceView> issue(@Valid @RequestBody IssueRequest request, Caller caller) {
		Invoices.Issued issued = this.invoices.issue(caller, request.tenantId(), YearMonth.parse(request.period()));
		return ResponseEntity.status(issued.created() ? HttpStatus.CREATED : HttpStatus.OK).body(issued.invoice());
	}

	@GetMapping
	PageView<InvoiceView> list(Caller caller, @RequestParam(required = false) @Nullable UUID tenantId, PageQuery page) {
		return this.invoices.list(caller, tenantId, page.page(), page.size());
	}

	@GetMapping("/{id}")
	InvoiceView get(@PathVariable UUID id, Caller caller) {
		return this.invoices.get(caller, id);
	}

	@GetMapping("/{id}/pdf")
	ResponseEntity<byte[]> pdf(@PathVariable UUID id, Caller caller) {
		InvoiceView invoice = this.invoices.get(caller, id);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + invoice.number() + ".pdf\"")
			.body(InvoicePdf.render(invoice));
	}

	/**
	 * Which tenant and month to invoice.
	 *
	 * @param tenantId the tenant
	 * @param period the month, {@code YYYY-MM}, over already
	 */
	record IssueRequest(@NotNull UUID tenantId, @NotNull @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])") String period) {
	}

}
