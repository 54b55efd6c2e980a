"""Django's Redis cache with one client object per connection pool instead of one per call.

Django's RedisCacheClient builds a new `redis.Redis` for every cache call; redis-py's constructor fills a table
of about 170 response callbacks each time. Profiled under `make bench` this was 0.2 ms per cache read, more than
the round trip itself, on every request (docs/speed.md). A `redis.Redis` is safe to share between threads
(it takes a connection from the pool per command), so keeping one per pool changes nothing else.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
