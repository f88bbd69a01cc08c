"""accounts and cancellations: password resets, revoking every token of a user, who ended a
booking

Revision ID: 7d2e9a4b1c55
Revises: 5b7e0c1d2a34
Create Date: 2026-12-04 20:30:00

"""
from alembic import op
import sqlalchemy as sa

from parking.db import UTCDateTime


revision = '7d2e9a4b1c55'
down_revision = '5b7e0c1d2a34'
branch_labels = None
depends_on = None


# Plain ADD COLUMN (no batch copy): SQLite keeps the reservations table, its triggers included.
def upgrade():
    op.add_column('reservations', sa.Column('ended_by', sa.String(length=10), nullable=True))
    op.add_column(
        'users',
        sa.Column('token_version', sa.Integer(), server_default='0', nullable=False),
    )
    op.add_column('users', sa.Column('kept_token_jti', sa.String(length=36), nullable=True))
    op.create_table(
        'password_resets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('expires_at', UTCDateTime(), nullable=False),
        sa.Column('used_at', UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_password_resets_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_password_resets')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_password_resets_token_hash')),
    )
    op.create_index(op.f('ix_password_resets_user_id'), 'password_resets', ['user_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_password_resets_user_id'), table_name='password_resets')
    op.drop_table('password_resets')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('kept_token_jti')
        batch_op.drop_column('token_version')
    op.drop_column('reservations', 'ended_by')
