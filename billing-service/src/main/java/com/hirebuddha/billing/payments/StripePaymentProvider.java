package com.hirebuddha.billing.payments;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;

/**
 * Charges through Stripe's PaymentIntents API: one confirmed intent per charge, off
 * session, with Stripe's {@code Idempotency-Key} so a retried charge is the same intent.
 * The secret key comes from configuration and is never logged. Connect and read timeouts;
 * the one retry on a dropped connection is safe because of the idempotency key.
 */
class StripePaymentProvider implements PaymentProvider {

	private static final Logger log = LoggerFactory.getLogger(StripePaymentProvider.class);

	private final RestClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * A provider calling Stripe.
	 * @param http a client for Stripe's API with its secret key (PaymentsConfiguration)
	 */
	StripePaymentProvider(RestClient http) {
		this.http = http;
	}

	@Override
	public Result charge(Charge charge) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("amount", Long.toString(charge.amountCents()));
		form.add("currency", charge.currency().toLowerCase(Locale.ROOT));
		form.add("payment_method", charge.paymentMethod());
		form.add("confirm", "true");
		form.add("off_session", "true");
		form.add("description", "Invoice " + charge.invoiceNumber());
		form.add("metadata[invoice_id]", charge.invoiceId().toString());
		try {
			return answer(send(form, charge.idempotencyKey()));
		}
		catch (org.springframework.web.client.ResourceAccessException ex) {
			log.warn("Stripe did not answer ({}); retrying once with the same idempotency key", ex.getMessage());
			return answer(send(form, charge.idempotencyKey()));
		}
	}

	private JsonNode send(MultiValueMap<String, String> form, String idempotencyKey) {
		try {
			String body = this.http.post()
				.uri("/v1/payment_intents")
				.header("Idempotency-Key", idempotencyKey)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(form)
				.retrieve()
				.body(String.class);
			return this.json.readTree((body != null) ? body : "{}");
		}
		catch (HttpStatusCodeException ex) {
			// card errors (402) and bad requests carry Stripe's error object
			return this.json.readTree(ex.getResponseBodyAsString());
		}
	}

	private static Result answer(JsonNode intent) {
		JsonNode error = intent.path("error");
		if (error.isObject()) {
			JsonNode failed = error.path("payment_intent");
			return new Result(false, failed.path("id").asString(""), 0,
					error.path("decline_code").asString(error.path("code").asString("declined")),
					error.path("message").asString("The card was declined."));
		}
		boolean succeeded = "succeeded".equals(intent.path("status").asString());
		return new Result(succeeded, intent.path("id").asString(""), intent.path("amount_received").asLong(0),
				succeeded ? "" : intent.path("status").asString("incomplete"),
				succeeded ? "" : "The payment needs the customer's action (" + intent.path("status").asString() + ").");
	}

}
