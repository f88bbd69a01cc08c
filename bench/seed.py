"""Bulk seeding: lots with spots, drivers, a year of past stays and a week of upcoming window
bookings, with SQLAlchemy Core.

Rows go in as lists of dicts, in chunks (one executemany each), straight into the tables the
migrations made; the reservations through COPY on PostgreSQL. Each lot's highest-numbered
`advance_spots_per_lot` spots are advance spots (`kind` written here, as the app's
`_assign_kinds` would). Past stays never overlap on a spot, so the double-booking check
afterwards can look at every drive-up, seeded or booked during the run; window bookings, which
may share a spot for different windows, have their own check (`window_overlaps`).

Upcoming window bookings (`reserved`) fill about half of every advance spot's next
`window_days`: windows of 1 to 4 hours on quarter-hour starts, one after another on each spot
(back to back or with a gap, never overlapping), each for its own vehicle, by drivers past the
first `UNBOOKED_DRIVERS` (the bench's own drivers book during the run, and
MAX_ACTIVE_RESERVATIONS counts seeded bookings too). The database checks every one as it goes
in (PostgreSQL's exclusion constraint; SQLite's triggers, helped by two indexes that exist only
while seeding).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import ROUND_CEILING, Decimal

import sqlalchemy as sa
from argon2 import PasswordHasher, profiles

import parking.models  # noqa: F401 - registers every table on Base.metadata
from parking.db import Base, UTCDateTime
from parking.reservations.models import ADVANCE, DRIVE_UP

CHUNK = 10_000
DRIVER_PASSWORD = "bench-driver-password"
CANCELLED_SHARE = 0.1
# The bench's own drivers (driver00000 onwards: the cycle, window and freshness drivers, the
# summaries' and the lot list's subjects) hold no seeded window booking.
UNBOOKED_DRIVERS = 40
QUARTER = timedelta(minutes=15)


@dataclass(frozen=True)
class Scale:
    lots: int
    spots_per_lot: int
    # The highest-numbered spots of each lot, kept for window bookings; the rest are drive-up.
    advance_spots_per_lot: int
    drivers: int
    reservations: int
    # The seeded stays are spread over this many days, ending a few hours ago.
    history_days: int
    # Upcoming window bookings on every advance spot over this many days from now, covering
    # about `window_share` of that time.
    window_days: int = 7
    window_share: float = 0.5


SCALES = {
    "full": Scale(
        lots=50,
        spots_per_lot=100,
        advance_spots_per_lot=50,
        drivers=10_000,
        reservations=500_000,
        history_days=365,
    ),
    "small": Scale(
        lots=50,
        spots_per_lot=100,
        advance_spots_per_lot=50,
        drivers=1_000,
        reservations=20_000,
        history_days=60,
    ),
}


@dataclass(frozen=True)
class Seeded:
    lot_ids: list[int]
    driver_emails: list[str]
    past_stays: int
    window_bookings: int
    # Every reservation the run makes has a higher id.
    last_reservation_id: int


def driver_email(n: int) -> str:
    return f"driver{n:05d}@bench.example"


def _chunks(rows, size: int = CHUNK):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _insert(connection, table, rows) -> None:
    for chunk in _chunks(rows):
        connection.execute(sa.insert(table), chunk)


def _bulk_insert(connection, table, rows) -> None:
    """The big table: PostgreSQL's COPY (several times faster than INSERT), else chunks."""
    if connection.dialect.name != "postgresql":
        return _insert(connection, table, rows)
    columns = list(rows[0])
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            # COPY skips the column types: times go in as the naive UTC that UTCDateTime stores.
            copy.write_row([_naive_utc(row[column]) for column in columns])


def _naive_utc(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _started_hours_cost(price: Decimal, minutes: int) -> Decimal:
    hours = max(1, (Decimal(minutes) / 60).to_integral_value(rounding=ROUND_CEILING))
    return (price * hours).quantize(Decimal("0.01"))


def seed(engine: sa.Engine, scale: Scale, now: datetime | None = None) -> Seeded:
    """Fill a freshly migrated database; returns the lot ids and the drivers' e-mails."""
    tables = Base.metadata.tables
    lots, spots, users, reservations = (
        tables[name] for name in ("lots", "spots", "users", "reservations")
    )
    now = now or datetime.now(UTC)
    history_start = now - timedelta(days=scale.history_days)
    created = history_start - timedelta(days=30)
    rng = random.Random(7)
    # One hash for every driver (cheapest Argon2 parameters): hashing 10,000 would take minutes.
    password_hash = PasswordHasher.from_parameters(profiles.CHEAPEST).hash(DRIVER_PASSWORD)

    with engine.begin() as connection:
        _insert(
            connection,
            lots,
            [
                {
                    "name": f"Bench Lot {n:02d}",
                    "address": f"{n} Ring Road, Bengaluru",
                    "pincode": f"5600{n % 100:02d}",
                    "price_per_hour": Decimal(20 + 5 * (n % 7)),
                    "advance_spots": scale.advance_spots_per_lot,
                    "created_at": created,
                }
                for n in range(1, scale.lots + 1)
            ],
        )
        lot_rows = connection.execute(sa.select(lots.c.id, lots.c.price_per_hour)).all()
        price_of = dict(lot_rows)
        first_advance = scale.spots_per_lot - scale.advance_spots_per_lot + 1
        _insert(
            connection,
            spots,
            [
                {
                    "lot_id": lot_id,
                    "number": number,
                    "kind": ADVANCE if number >= first_advance else DRIVE_UP,
                }
                for lot_id, _ in lot_rows
                for number in range(1, scale.spots_per_lot + 1)
            ],
        )
        spot_rows = connection.execute(
            sa.select(spots.c.id, spots.c.lot_id, spots.c.number).order_by(spots.c.id)
        ).all()
        emails = [driver_email(n) for n in range(scale.drivers)]
        _insert(
            connection,
            users,
            [
                {
                    "email": email,
                    "password_hash": password_hash,
                    "full_name": f"Bench Driver {n}",
                    "role": "user",
                    "email_notifications": True,
                    "created_at": created,
                }
                for n, email in enumerate(emails)
            ],
        )
        user_ids = connection.scalars(
            sa.select(users.c.id).where(users.c.role == "user").order_by(users.c.id)
        ).all()

        # Stay k on spot s starts in the k-th slot of the history, so stays on a spot never
        # overlap; stay number k * spots + s belongs to driver (k * spots + s) % drivers, so
        # every driver has stays all through the year (every month has them all active).
        per_spot = -(-scale.reservations // len(spot_rows))
        slot = (now - timedelta(hours=6) - history_start) / per_spot
        rows = []
        for k in range(per_spot):
            for s, (spot_id, lot_id, number) in enumerate(spot_rows):
                n = k * len(spot_rows) + s
                if n >= scale.reservations:
                    break
                reserved = history_start + k * slot + rng.random() * slot / 2
                price = price_of[lot_id]
                row = {
                    "user_id": user_ids[n % len(user_ids)],
                    "lot_id": lot_id,
                    "spot_id": spot_id,
                    "spot_number": number,
                    "price_per_hour": price,
                    "vehicle_number": f"KA{n % len(user_ids):08d}",
                    "remarks": "bench, with a comma" if n % 10 == 0 else None,
                    "reserved_at": reserved,
                    "parked_at": None,
                    "left_at": None,
                    "cancelled_at": None,
                    "duration_minutes": None,
                    "cost": None,
                }
                if rng.random() < CANCELLED_SHARE:
                    row |= {"status": "cancelled", "cancelled_at": reserved + timedelta(minutes=30)}
                else:
                    minutes = rng.randint(20, 300)
                    parked = reserved + timedelta(minutes=5)
                    row |= {
                        "status": "completed",
                        "parked_at": parked,
                        "left_at": parked + timedelta(minutes=minutes),
                        "duration_minutes": minutes,
                        "cost": _started_hours_cost(price, minutes),
                    }
                rows.append(row)
        _bulk_insert(connection, reservations, rows)
        windows = _upcoming_windows(
            scale, now, rng, spot_rows, price_of, first_advance, user_ids[UNBOOKED_DRIVERS:]
        )
        _insert_windows(connection, reservations, windows)
        last_id = connection.scalar(sa.select(sa.func.max(reservations.c.id)))
    if engine.dialect.name == "postgresql":
        # What autovacuum does on a live server soon after a bulk load: fresh planner statistics.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    return Seeded(
        lot_ids=[lot_id for lot_id, _ in lot_rows],
        driver_emails=emails,
        past_stays=len(rows),
        window_bookings=len(windows),
        last_reservation_id=last_id,
    )


def _upcoming_windows(
    scale: Scale, now: datetime, rng: random.Random, spot_rows, price_of, first_advance, drivers
) -> list[dict]:
    """Reserved window bookings on every advance spot over the next `window_days`: windows of
    1 to 4 hours (whole quarter-hours, starting on one), each after the previous one on its
    spot with a random gap (none at times: back to back) as long as a window on average, so
    that about `window_share` of the time is booked. Booking n is for vehicle W<n> by driver
    n % drivers, booked up to two weeks ago."""
    first_start = datetime.fromtimestamp(
        (now.timestamp() // QUARTER.total_seconds() + 1) * QUARTER.total_seconds(), UTC
    )
    horizon = first_start + timedelta(days=scale.window_days)
    # Mean window 10 quarters (2.5 h); a mean gap of 10 * (1 - share) / share quarters.
    max_gap = round(2 * 10 * (1 - scale.window_share) / scale.window_share)
    rows = []
    for spot_id, lot_id, number in spot_rows:
        if number < first_advance:
            continue
        price = price_of[lot_id]
        starts = first_start + QUARTER * rng.randint(0, max_gap)
        while True:
            quarters = rng.randint(4, 16)
            ends = starts + QUARTER * quarters
            if ends > horizon:
                break
            n = len(rows)
            rows.append(
                {
                    "user_id": drivers[n % len(drivers)],
                    "lot_id": lot_id,
                    "spot_id": spot_id,
                    "spot_number": number,
                    "price_per_hour": price,
                    "vehicle_number": f"W{n:07d}",
                    "status": "reserved",
                    "remarks": None,
                    "reserved_at": now - timedelta(minutes=rng.randint(5, 14 * 24 * 60)),
                    "starts_at": starts,
                    "ends_at": ends,
                    "quoted_cost": _started_hours_cost(price, quarters * 15),
                    "no_show": False,
                }
            )
            starts = ends + QUARTER * rng.randint(0, max_gap)
    return rows


def _insert_windows(connection, reservations, rows) -> None:
    """The upcoming window bookings, checked by the database as they go in.

    SQLite's overlap triggers find no index on a spot's or a vehicle's window bookings (they
    walk every active reservation), so two partial indexes that serve them exist while seeding
    only; the app then runs with the migrations' indexes alone.
    """
    if not rows:
        return
    sqlite = connection.dialect.name == "sqlite"
    helpers = {
        "bench_seed_spot_window": "spot_id, starts_at",
        "bench_seed_vehicle_window": "vehicle_number, starts_at",
    }
    if sqlite:
        for name, columns in helpers.items():
            connection.exec_driver_sql(
                f"CREATE INDEX {name} ON reservations ({columns}) WHERE starts_at IS NOT NULL"
            )
    _bulk_insert(connection, reservations, rows)
    if sqlite:
        for name in helpers:
            connection.exec_driver_sql(f"DROP INDEX {name}")


def double_bookings(engine: sa.Engine) -> int:
    """Drive-up reservations that began while an earlier one on the same spot was still active.

    A stay is active from `reserved_at` until `left_at` or `cancelled_at` (still active when
    neither is set); per spot, in order, each must start after every earlier one ended. Window
    bookings (`starts_at` set) are left to `window_overlaps`: several may be active on one spot
    at once, for windows that do not overlap.
    """
    query = sa.text(
        """
        SELECT count(*) FROM (
            SELECT reserved_at, max(coalesce(left_at, cancelled_at, :forever)) OVER (
                PARTITION BY spot_id ORDER BY reserved_at, id
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
            ) AS earlier_end
            FROM reservations
            WHERE starts_at IS NULL
        ) AS stays
        WHERE reserved_at < earlier_end
        """
    )
    with engine.connect() as connection:
        forever = sa.bindparam("forever", datetime(9999, 1, 1, tzinfo=UTC), type_=UTCDateTime)
        return connection.scalar(query.bindparams(forever))


def window_bookings(engine: sa.Engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(
            sa.text("SELECT count(*) FROM reservations WHERE starts_at IS NOT NULL")
        )


def window_overlaps(engine: sa.Engine) -> int:
    """Pairs of window bookings on one spot whose windows overlap and that were active at the
    same moment.

    Windows are half-open, [starts_at, ends_at). A booking is active from `reserved_at` until
    `left_at` or `cancelled_at` (still active when neither is set), so two bookings both still
    active count, and so does one booked over another before that one was cancelled.
    """
    query = sa.text(
        """
        WITH windows AS (
            SELECT id, spot_id, starts_at, ends_at, reserved_at,
                   coalesce(left_at, cancelled_at, :forever) AS active_until
            FROM reservations
            WHERE starts_at IS NOT NULL
        )
        SELECT count(*) FROM windows AS a JOIN windows AS b
            ON a.spot_id = b.spot_id AND a.id < b.id
        WHERE a.starts_at < b.ends_at AND b.starts_at < a.ends_at
          AND a.reserved_at < b.active_until AND b.reserved_at < a.active_until
        """
    )
    with engine.connect() as connection:
        forever = sa.bindparam("forever", datetime(9999, 1, 1, tzinfo=UTC), type_=UTCDateTime)
        return connection.scalar(query.bindparams(forever))
