import type { Task } from '@tideline/contracts';

/**
 * How the store reads each task's rows, as SQL over the columns of
 * `labeledRows`: which rows performance metrics aggregate, and the one
 * threshold of a binary model's predicted class, scikit-learn's default (the
 * oracle's, libs/testing/oracle), for every metric, significance test,
 * estimate and grouping by predicted class.
 */
export const BINARY_THRESHOLD = 0.5;

/** The labeled rows of a task: a label and the output it is compared with. */
export const LABELED_ROWS: Record<Task, string> = {
  BINARY: '(labeled AND label_positive IS NOT NULL AND score IS NOT NULL)',
  MULTICLASS: '(labeled AND label_class IS NOT NULL AND predicted_class IS NOT NULL)',
  REGRESSION: '(labeled AND label_value IS NOT NULL AND value IS NOT NULL)',
};

/** A binary row is predicted positive (rows with a score). */
export const PREDICTED_POSITIVE = `(assumeNotNull(score) >= ${BINARY_THRESHOLD})`;

/** A binary row's predicted class as text, 'true' / 'false', NULL without a score: what groupBy output.predictedClass reads. */
export const BINARY_PREDICTED_CLASS = `if(score IS NULL, NULL, if(${PREDICTED_POSITIVE}, 'true', 'false'))`;
