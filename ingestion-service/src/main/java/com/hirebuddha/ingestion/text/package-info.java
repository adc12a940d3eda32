/**
 * Text as the index sees it: a document's extracted text with its pages and headings, the
 * chunks it is cut into, and the words full-text search matches in any script.
 */
@NullMarked
package com.hirebuddha.ingestion.text;

import org.jspecify.annotations.NullMarked;
