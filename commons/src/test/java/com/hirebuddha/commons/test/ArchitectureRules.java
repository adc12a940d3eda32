package com.hirebuddha.commons.test;

import java.lang.reflect.Parameter;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

/**
 * The house rules of STYLE.md that a machine can check, shared by every service's
 * {@code ArchitectureTests}.
 */
public final class ArchitectureRules {

	/** Entities never leave their feature package. */
	@ArchTest
	public static final ArchRule entitiesArePackagePrivate = classes().that()
		.areAnnotatedWith(Entity.class)
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
		.areAssignableTo(Repository.class)
		.should()
		.notBePublic()
		.because("data access stays inside its feature, where tenant scoping is enforced")
		.allowEmptyShould(true);

	/** Controllers answer with records, never with JPA entities. */
	@ArchTest
	public static final ArchRule controllersDoNotReturnEntities = methods().that()
		.areDeclaredInClassesThat()
		.areAnnotatedWith(RestController.class)
		.should()
		.notHaveRawReturnType(
				DescribedPredicate.describe("an entity", (JavaClass type) -> type.isAnnotatedWith(Entity.class)))
		.because("returning entities leaks persistence details and lazy-loading into the API")
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
