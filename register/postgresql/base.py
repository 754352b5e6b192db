"""Django's PostgreSQL backend with a health check that costs no round trip while a reused connection is quiet.

With ``DATABASE_CONN_MAX_AGE`` a gunicorn worker keeps its connection open between requests, and
``DATABASE_CONN_HEALTH_CHECKS`` makes Django test it before the first query of each request (``SELECT 1``), so that a
connection the database closed meanwhile (a restart, ``pg_terminate_backend``, an idle timeout) is replaced instead
of failing the request with a 500. That test is one of the few round trips of a warm API read.

Here the test first looks at the connection without asking the server: a connection that is open and idle on the
client side (libpq's status, no transaction) and on whose socket nothing has arrived since its last answer is in
use by nobody else and was not closed by the server: when the server ends a connection it sends an error and closes
the socket (or, when its process dies, the operating system closes it), and either makes the socket readable. Only
then is ``SELECT 1`` sent, as Django does, and the connection replaced when it fails. What neither test can see in
advance is a connection lost without the server's end noticing (a network cut without a reset): ``SELECT 1`` would
then wait for the network's time-out as the request's first query does. A connection pool (``OPTIONS["pool"]``)
keeps Django's own behaviour (the pool checks its connections).
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self):
        if self.connection is not None and self.health_check_enabled and not self.health_check_done and not self.pool:
            if self._stil():
                self.health_check_done = True
                return
        super().close_if_health_check_failed()

    def _stil(self) -> bool:
        """Is the kept connection open and idle, with nothing arrived on its socket (see the module's doc)?"""
        verbinding = self.connection
        try:
            if verbinding.closed or verbinding.broken:
                return False
            if verbinding.pgconn.status != pq.ConnStatus.OK:
                return False
            if verbinding.pgconn.transaction_status != pq.TransactionStatus.IDLE:
                return False
            socket = verbinding.fileno()
            leesbaar, _, uitzondering = select.select([socket], [], [socket], 0)
        except (OSError, ValueError, AttributeError):
            return False  # anything unexpected: Django's own test
        return not leesbaar and not uitzondering
