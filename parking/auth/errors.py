"""What can go wrong with accounts."""

from parking.errors import Conflict, DomainError


class EmailTaken(Conflict):
    message = "email: an account with this e-mail already exists"


class InvalidCredentials(DomainError):
    status_code = 401
    message = "Wrong e-mail or password"
