package dev.trellis.proxy.control;

import java.time.Instant;
import java.util.Objects;

/**
 * What a sidecar's link to the control plane looks like at one moment; immutable, replaced whole.
 *
 * @param registered     whether the instance is registered (its lease kept) right now
 * @param registrationId the id the registry gave it, or null when not registered
 * @param sync           whether the view in use is what the control plane says
 * @param version        the version of the snapshot in use, 0 before any
 * @param since          when the current sync state began
 * @param reason         why the link is out of sync (e.g. {@code control plane unreachable: ...},
 *                       {@code snapshot 7 refused: ...}); empty when in sync
 * @param fromCache      whether the snapshot in use was read from the disk cache rather than
 *                       received in this process's life
 */
public record LinkStatus(
    boolean registered, String registrationId, SyncState sync, long version, Instant since,
    String reason, boolean fromCache) {

  public LinkStatus {
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(since, "since");
    reason = reason == null ? "" : reason;
  }

  /** The status before anything happened. */
  static LinkStatus starting(Instant now) {
    return new LinkStatus(false, null, SyncState.OUT_OF_SYNC, 0, now, "waiting for the first snapshot", false);
  }

  /** Ready to take traffic as a member of the mesh: registered and in sync. */
  public boolean ready() {
    return registered && sync == SyncState.IN_SYNC;
  }

  /** Why the sidecar is not ready, in words; empty when it is. */
  public String notReadyReason() {
    if (ready()) {
      return "";
    }
    StringBuilder why = new StringBuilder();
    if (!registered) {
      why.append("not registered with the control plane");
    }
    if (sync != SyncState.IN_SYNC) {
      if (!why.isEmpty()) {
        why.append("; ");
      }
      why.append("out of sync since ").append(since).append(": ").append(reason);
      if (fromCache) {
        why.append(" (serving snapshot ").append(version).append(" from the disk cache)");
      }
    }
    return why.toString();
  }

  LinkStatus withRegistration(String id) {
    return new LinkStatus(id != null, id, sync, version, since, reason, fromCache);
  }

  LinkStatus inSync(long newVersion, Instant now) {
    Instant from = sync == SyncState.IN_SYNC ? since : now;
    return new LinkStatus(registered, registrationId, SyncState.IN_SYNC, newVersion, from, "", false);
  }

  /** Out of sync for {@code why}; keeps the first moment it went out of sync. */
  LinkStatus outOfSync(String why, Instant now) {
    Instant from = sync == SyncState.OUT_OF_SYNC ? since : now;
    return new LinkStatus(registered, registrationId, SyncState.OUT_OF_SYNC, version, from, why, fromCache);
  }

  LinkStatus servingCache(long cachedVersion, String why, Instant now) {
    return new LinkStatus(registered, registrationId, SyncState.OUT_OF_SYNC, cachedVersion,
        sync == SyncState.OUT_OF_SYNC ? since : now, why, true);
  }
}
