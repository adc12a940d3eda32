package com.hirebuddha.tenant;

import com.hirebuddha.commons.test.ArchitectureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

/**
 * Holds the tenant-service to the house rules (STYLE.md) that a reviewer would otherwise
 * have to remember.
 */
@AnalyzeClasses(importOptions = ImportOption.DoNotIncludeTests.class, packages = "com.hirebuddha.tenant")
class ArchitectureTests {

	@ArchTest
	static final ArchTests houseRules = ArchTests.in(ArchitectureRules.class);

}
