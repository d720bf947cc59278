import type { JetStreamClient } from '@nats-io/jetstream';
import { REGISTRY_SUBJECTS, modelPromotedEvent, modelRegisteredEvent } from '@tideline/contracts';
import type { Logger } from '@tideline/runtime';
import type { HistoryEntry, VersionState } from './model-state.ts';

/**
 * Publishes `tideline.model.registered|promoted.<project>` after the model's
 * log took the change, on a stream that keeps them 30 days. The event id
 * derives from the log sequence, so a republished event is deduplicated.
 * The log is the truth: a publish that fails is logged, not turned into a
 * failed mutation (the change happened; a retry would be refused).
 */
export class RegistryEvents {
  constructor(
    private readonly js: JetStreamClient,
    private readonly logger: Logger,
  ) {}

  async registered(project: string, model: string, sequence: number, version: VersionState): Promise<void> {
    const event = modelRegisteredEvent.parse({
      id: `${sequence}.REGISTERED`,
      project,
      model: { name: model },
      version: version.version,
      artifactDigest: version.artifact.digest,
      datasetId: version.datasetId,
      parentVersion: version.parentVersion,
      timestamp: version.registeredAt,
    });
    await this.publish(REGISTRY_SUBJECTS.registered(project), event.id, event);
  }

  /** One event per version whose stage changed: the promoted one first, then the champion it displaced. */
  async promoted(project: string, model: string, change: HistoryEntry, previousChampion: string | null): Promise<void> {
    for (const [i, c] of change.changes.entries()) {
      const event = modelPromotedEvent.parse({
        id: `${change.sequence}.PROMOTED.${i}`,
        project,
        model: { name: model },
        version: c.version,
        from: c.from,
        to: c.to,
        previousChampion: c.to === 'CHAMPION' ? previousChampion : null,
        reason: change.reason,
        override: change.override,
        rollback: change.rollback,
        gatePassed: change.gate ? change.gate.passed : null,
        timestamp: change.at,
      });
      await this.publish(REGISTRY_SUBJECTS.promoted(project), event.id, event);
    }
  }

  private async publish(subject: string, id: string, payload: unknown): Promise<void> {
    try {
      await this.js.publish(subject, JSON.stringify(payload), { msgID: id });
    } catch (err) {
      this.logger.error({ err, subject, id }, 'registry event not published; the change is in the model log');
    }
  }
}
