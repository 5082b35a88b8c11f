package io.github.snapshotreplication.lambda.plan.drill;

/**
 * A database of the target region that has one of the two facts of this installation's drill databases (the
 * identifier start, the drill tag) but not both: reported, never touched.
 *
 * @param database the database
 * @param reason   which fact it lacks
 */
public record LookAlikeDrillDatabase(TargetDatabase database, String reason) {
}
