package io.github.slim4j.magics.compare;

import io.github.slim4j.core.eval.EvaluationResult;
import io.github.slim4j.core.summary.ModelSummary;

import java.util.Optional;

/** One model in a comparison: its size figures, and its evaluation when data was given. */
record ComparisonRow(String name, String kind, ModelSummary summary, Optional<EvaluationResult> evaluation) { }
