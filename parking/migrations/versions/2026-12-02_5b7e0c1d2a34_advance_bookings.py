"""advance bookings: advance spots on lots, spot kinds, window bookings that never overlap

Revision ID: 5b7e0c1d2a34
Revises: 3c1f2a7d9e10
Create Date: 2026-12-02 14:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '5b7e0c1d2a34'
down_revision = '3c1f2a7d9e10'
branch_labels = None
depends_on = None

_ACTIVE = "status IN ('reserved', 'occupied')"
_ACTIVE_DRIVE_UP = sa.text(f"{_ACTIVE} AND starts_at IS NULL")
_ACTIVE_WINDOW = f"{_ACTIVE} AND starts_at IS NOT NULL"

# Active window bookings by lot (availability), by spot (the SQLite trigger), by vehicle.
_WINDOW_INDEXES = {'': 'lot_id', '_spot': 'spot_id', '_vehicle': 'vehicle_number'}

# PostgreSQL: no two active window bookings overlap on a spot, or for a vehicle. The columns
# hold naive UTC, so the range is a tsrange; '[)' makes back-to-back windows legal.
_EXCLUSIONS = {
    'ex_reservations_spot_window': 'spot_id',
    'ex_reservations_vehicle_window': 'vehicle_number',
}

# SQLite has no exclusion constraint: triggers abort an insert or update that would overlap.
# Times are stored as fixed-width ISO text, so text comparison is time comparison.
def _sqlite_overlap_check(column, what):
    return f"""
    SELECT RAISE(ABORT, 'overlapping window booking: this {what} is booked for part of the window')
    WHERE EXISTS (
        SELECT 1 FROM reservations AS other
        WHERE other.{column} = NEW.{column} AND other.id IS NOT NEW.id
          AND other.starts_at IS NOT NULL AND other.status IN ('reserved', 'occupied')
          AND other.starts_at < NEW.ends_at AND NEW.starts_at < other.ends_at
    );"""


_SQLITE_OVERLAP_CHECK = (
    _sqlite_overlap_check('spot_id', 'spot') + _sqlite_overlap_check('vehicle_number', 'vehicle')
)
_SQLITE_TRIGGERS = {
    'trg_reservations_window_insert': 'BEFORE INSERT ON reservations',
    'trg_reservations_window_update': (
        'BEFORE UPDATE OF status, spot_id, vehicle_number, starts_at, ends_at ON reservations'
    ),
}


def upgrade():
    with op.batch_alter_table('lots', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('advance_spots', sa.Integer(), server_default='0', nullable=False)
        )
        batch_op.create_check_constraint(op.f('ck_lots_advance_spots_not_negative'), 'advance_spots >= 0')
    with op.batch_alter_table('spots', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('kind', sa.String(length=10), server_default='drive_up', nullable=False)
        )
        batch_op.create_check_constraint(op.f('ck_spots_kind'), "kind IN ('drive_up', 'advance')")
    with op.batch_alter_table('reservations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('starts_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('ends_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('quoted_cost', sa.Numeric(precision=10, scale=2), nullable=True))
        batch_op.add_column(
            sa.Column('no_show', sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_check_constraint(op.f('ck_reservations_window_complete'), '(starts_at IS NULL) = (ends_at IS NULL)')
        batch_op.create_check_constraint(op.f('ck_reservations_window_order'), 'ends_at > starts_at')
        # The one-active-booking rules now hold for drive-ups; windows follow the overlap rules.
        batch_op.drop_index('uq_reservations_active_spot')
        batch_op.drop_index('uq_reservations_active_vehicle')
        batch_op.create_index(
            'uq_reservations_active_spot', ['spot_id'], unique=True,
            sqlite_where=_ACTIVE_DRIVE_UP, postgresql_where=_ACTIVE_DRIVE_UP,
        )
        batch_op.create_index(
            'uq_reservations_active_vehicle', ['vehicle_number'], unique=True,
            sqlite_where=_ACTIVE_DRIVE_UP, postgresql_where=_ACTIVE_DRIVE_UP,
        )
        batch_op.create_index(
            'uq_reservations_occupied_vehicle', ['vehicle_number'], unique=True,
            sqlite_where=sa.text("status = 'occupied'"),
            postgresql_where=sa.text("status = 'occupied'"),
        )
        for suffix, column in _WINDOW_INDEXES.items():
            batch_op.create_index(
                f'ix_reservations_active_window{suffix}', [column, 'ends_at'], unique=False,
                sqlite_where=sa.text(_ACTIVE_WINDOW), postgresql_where=sa.text(_ACTIVE_WINDOW),
            )
    if op.get_context().dialect.name == 'postgresql':
        op.execute('CREATE EXTENSION IF NOT EXISTS btree_gist')
        for name, column in _EXCLUSIONS.items():
            op.execute(
                f"ALTER TABLE reservations ADD CONSTRAINT {name} EXCLUDE USING gist "
                f"({column} WITH =, tsrange(starts_at, ends_at, '[)') WITH &&) "
                f"WHERE ({_ACTIVE_WINDOW})"
            )
    else:
        for name, event in _SQLITE_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER {name} {event} "
                f"WHEN NEW.starts_at IS NOT NULL AND NEW.status IN ('reserved', 'occupied') "
                f"BEGIN {_SQLITE_OVERLAP_CHECK} END"
            )


def downgrade():
    if op.get_context().dialect.name == 'postgresql':
        for name in _EXCLUSIONS:
            op.execute(f'ALTER TABLE reservations DROP CONSTRAINT {name}')
    else:
        for name in _SQLITE_TRIGGERS:
            op.execute(f'DROP TRIGGER {name}')
    with op.batch_alter_table('reservations', schema=None) as batch_op:
        for suffix in _WINDOW_INDEXES:
            batch_op.drop_index(f'ix_reservations_active_window{suffix}')
        batch_op.drop_index('uq_reservations_occupied_vehicle')
        batch_op.drop_index('uq_reservations_active_vehicle')
        batch_op.drop_index('uq_reservations_active_spot')
        batch_op.create_index(
            'uq_reservations_active_spot', ['spot_id'], unique=True,
            sqlite_where=sa.text(_ACTIVE), postgresql_where=sa.text(_ACTIVE),
        )
        batch_op.create_index(
            'uq_reservations_active_vehicle', ['vehicle_number'], unique=True,
            sqlite_where=sa.text(_ACTIVE), postgresql_where=sa.text(_ACTIVE),
        )
        batch_op.drop_constraint(op.f('ck_reservations_window_order'), type_='check')
        batch_op.drop_constraint(op.f('ck_reservations_window_complete'), type_='check')
        batch_op.drop_column('no_show')
        batch_op.drop_column('quoted_cost')
        batch_op.drop_column('ends_at')
        batch_op.drop_column('starts_at')
    with op.batch_alter_table('spots', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_spots_kind'), type_='check')
        batch_op.drop_column('kind')
    with op.batch_alter_table('lots', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_lots_advance_spots_not_negative'), type_='check')
        batch_op.drop_column('advance_spots')
