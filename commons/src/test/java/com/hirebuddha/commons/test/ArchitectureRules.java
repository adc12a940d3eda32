package com.hirebuddha.commons.test;

import java.lang.reflect.Parameter;
import java.util.Set;

import com.hirebuddha.commons.events.Event;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house rules of STYLE.md that a machine can check, shared by every service's
 * {@code ArchitectureTests}.
 */
public final class ArchitectureRules {

	// by name: only tenant-service has JPA on its classpath
	private static final String ENTITY = "jakarta.persistence.Entity";

	private static final String REPOSITORY = "org.springframework.data.repository.Repository";

	/** Entities never leave their feature package. */
	@ArchTest
	public static final ArchRule entitiesArePackagePrivate = classes().that()
		.areAnnotatedWith(ENTITY)
		.should()
		.notBePublic()
		.because("entities never leave their feature; records cross boundaries")
		.allowEmptyShould(true);

	/**
	 * Repositories are reached through the feature's service, never directly from
	 * outside.
	 */
	@ArchTest
	public static final ArchRule repositoriesArePackagePrivate = classes().that()
		.areAssignableTo(REPOSITORY)
		.should()
		.notBePublic()
		.because("data access stays inside its feature, where tenant scoping is enforced")
		.allowEmptyShould(true);

	/** Features depend on each other in one direction only. */
	@ArchTest
	public static final ArchRule featuresAreFreeOfCycles = slices().matching("com.hirebuddha.*.(*)..")
		.should()
		.beFreeOfCycles()
		.because("a cycle between features makes them one feature that cannot be understood or moved apart")
		// ingestion and notification have no feature packages yet
		.allowEmptyShould(true);

	/** Controllers reach data through their feature's service. */
	@ArchTest
	public static final ArchRule controllersDoNotTouchData = noClasses().that()
		.areAnnotatedWith(RestController.class)
		.should()
		.dependOnClassesThat()
		.areAssignableTo(JdbcClient.class)
		.orShould()
		.dependOnClassesThat()
		.areAssignableTo(REPOSITORY)
		.because("queries live in one place per feature, where tenant scope and transactions are decided")
		.allowEmptyShould(true);

	/** Kafka contracts carry types of their own, never the REST API's. */
	@ArchTest
	public static final ArchRule eventsDoNotCarryWebTypes = noClasses().that()
		.implement(Event.class)
		.should()
		.dependOnClassesThat(webType())
		.because("an API change must not change an event other services read (docs/events.md)")
		.allowEmptyShould(true);

	/** Dependencies come through constructors. */
	@ArchTest
	public static final ArchRule noFieldInjection = noFields().should()
		.beAnnotatedWith(Autowired.class)
		.because("constructor injection keeps dependencies visible and classes testable")
		.allowEmptyShould(true);

	/** Lists page through {@code PageQuery}, whose bounds hold for every endpoint. */
	@ArchTest
	public static final ArchRule listsPageThroughPageQuery = methods().that()
		.areDeclaredInClassesThat()
		.areAnnotatedWith(RestController.class)
		.should(takeNoRawPagingParameters())
		.because("a page number read by hand can overflow the offset it becomes (a 500); PageQuery is bounded")
		// ingestion and notification have no controllers yet
		.allowEmptyShould(true);

	private ArchitectureRules() {
	}

	// what a controller takes or answers (AgentRequest, TenantView ...), and the records
	// nested in them (AgentRequest.Model)
	private static DescribedPredicate<JavaClass> webType() {
		return DescribedPredicate.describe("are REST request or response types", (JavaClass type) -> webTypeName(type)
				|| type.getEnclosingClass().map(ArchitectureRules::webTypeName).orElse(false));
	}

	private static boolean webTypeName(JavaClass type) {
		String name = type.getSimpleName();
		return !type.isAssignableTo(Event.class)
				&& (name.endsWith("Request") || name.endsWith("Response") || name.endsWith("View"));
	}

	private static ArchCondition<JavaMethod> takeNoRawPagingParameters() {
		// a cursor's ?size cannot overflow anything; a page number becomes an offset
		Set<String> paging = Set.of("page");
		return new ArchCondition<>("take no ?page of their own") {
			@Override
			public void check(JavaMethod method, ConditionEvents events) {
				for (Parameter parameter : method.reflect().getParameters()) {
					RequestParam param = parameter.getAnnotation(RequestParam.class);
					if (param == null) {
						continue;
					}
					String name = !param.name().isEmpty() ? param.name()
							: !param.value().isEmpty() ? param.value() : parameter.getName();
					if (paging.contains(name)) {
						events.add(SimpleConditionEvent.violated(method,
								method.getFullName() + " reads ?" + name + " itself instead of taking a PageQuery"));
					}
				}
			}
		};
	}

}
