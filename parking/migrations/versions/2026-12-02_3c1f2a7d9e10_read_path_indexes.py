"""indexes for the read path: active bookings per lot, everyone's history, revenue per day,
new users, idempotency keys to purge

Revision ID: 3c1f2a7d9e10
Revises: 608669fa5142
Create Date: 2026-12-02 06:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = '3c1f2a7d9e10'
down_revision = '608669fa5142'
branch_labels = None
depends_on = None

_ACTIVE = sa.text("status IN ('reserved', 'occupied')")
_COMPLETED = sa.text("status = 'completed'")


def upgrade():
    with op.batch_alter_table('reservations', schema=None) as batch_op:
        batch_op.create_index('ix_reservations_reserved_at', ['reserved_at', 'id'], unique=False)
        batch_op.create_index(
            'ix_reservations_active_lot', ['lot_id'], unique=False,
            sqlite_where=_ACTIVE, postgresql_where=_ACTIVE,
        )
        batch_op.create_index(
            'ix_reservations_completed_left_at', ['left_at'], unique=False,
            sqlite_where=_COMPLETED, postgresql_where=_COMPLETED,
        )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index('ix_users_created_at', ['created_at'], unique=False)
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_idempotency_keys_created_at'), ['created_at'], unique=False
        )


def downgrade():
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idempotency_keys_created_at'))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index('ix_users_created_at')
    with op.batch_alter_table('reservations', schema=None) as batch_op:
        batch_op.drop_index('ix_reservations_completed_left_at')
        batch_op.drop_index('ix_reservations_active_lot')
        batch_op.drop_index('ix_reservations_reserved_at')
