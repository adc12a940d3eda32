package com.hirebuddha.worker.engine;

import org.springframework.stereotype.Component;

/**
 * {@code template}: text from {@code config.template} with its placeholders filled.
 */
@Component
class TemplateNode implements NodeExecutor {

	@Override
	public String type() {
		return "template";
	}

	@Override
	public Outcome execute(Context context) {
		String template = context.config("template");
		return Outcome.text(context.render((template != null) ? template : ""));
	}

}
