package dev.trellis.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

  @Test
  void spacesRequestsEvenlyFromTheStart() {
    OpenLoopSchedule schedule = OpenLoopSchedule.of(1_000, 4, 1_000_000_000L);

    assertThat(schedule.count()).isEqualTo(4);
    assertThat(schedule.intendedNanos(0)).isEqualTo(1_000);
    assertThat(schedule.intendedNanos(1)).isEqualTo(1_000 + 250_000_000L);
    assertThat(schedule.intendedNanos(3)).isEqualTo(1_000 + 750_000_000L);
    assertThat(schedule.endNanos()).isEqualTo(1_000 + 1_000_000_000L);
  }

  @Test
  void computesEachTimeFromItsIndexSoARunDoesNotDrift() {
    // 3 per second does not divide a second evenly; accumulating 333_333_333 ns would lose 1 ns
    // per request, 3 ms over a million requests.
    OpenLoopSchedule schedule = OpenLoopSchedule.of(0, 3, 1_000_000_000_000_000L); // 3 million requests

    assertThat(schedule.count()).isEqualTo(3_000_000);
    assertThat(schedule.intendedNanos(1)).isEqualTo(333_333_333L);
    assertThat(schedule.intendedNanos(2)).isEqualTo(666_666_666L);
    assertThat(schedule.intendedNanos(3_000)).isEqualTo(1_000_000_000_000L);
    assertThat(schedule.intendedNanos(3_000_000 - 1)).isEqualTo(999_999_666_666_666L);
  }

  @Test
  void dueByCountsEveryRequestWhoseTimeHasComeAndNoOther() {
    OpenLoopSchedule schedule = OpenLoopSchedule.of(100, 2_000, 1_000_000_000L); // every 500 us

    assertThat(schedule.dueBy(99)).isZero();
    assertThat(schedule.dueBy(100)).isEqualTo(1);
    assertThat(schedule.dueBy(100 + 499_999)).isEqualTo(1);
    assertThat(schedule.dueBy(100 + 500_000)).isEqualTo(2);
    // A generator that stalled for 10 ms owes twenty requests at once, not one.
    assertThat(schedule.dueBy(100 + 10_000_000)).isEqualTo(21);
    assertThat(schedule.dueBy(Long.MAX_VALUE / 4)).isEqualTo(2_000);
  }

  @Test
  void dueByAgreesWithIntendedTimesAtEveryBoundary() {
    OpenLoopSchedule schedule = OpenLoopSchedule.of(7, 3, 10_000_000_000L);
    for (long i = 0; i < schedule.count(); i++) {
      long intended = schedule.intendedNanos(i);
      assertThat(schedule.dueBy(intended)).as("due at request %d", i).isEqualTo(i + 1);
      assertThat(schedule.dueBy(intended - 1)).as("due just before request %d", i).isEqualTo(i);
    }
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> OpenLoopSchedule.of(0, 0, 1_000))
        .hasMessage("ratePerSecond: 0 (expected: >= 1)");
    assertThatThrownBy(() -> OpenLoopSchedule.of(0, 10, 0))
        .hasMessage("durationNanos: 0 (expected: > 0)");
    assertThatThrownBy(() -> OpenLoopSchedule.of(0, 10, 1_000_000_000L).intendedNanos(10))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
