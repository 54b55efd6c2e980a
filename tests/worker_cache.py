"""The cache of one pytest-xdist worker (`make test` runs two, docs/tests.md).

The workers share the Redis database that REDIS_URL names; each keeps its entries under its own key prefix
(test settings: `mitgestalten-gw0`, `mitgestalten-gw1`), and emptying the cache before each test removes only
that worker's entries. Django's `clear()` empties the whole Redis database (FLUSHDB): one worker would empty
the other's cache in the middle of a test. The live server and a Celery worker that a test starts inherit the
worker's name (PYTEST_XDIST_WORKER), so they read and write the same entries as the test.
"""

from django.core.cache.backends.redis import RedisCache


class WorkerRedisCache(RedisCache):
    def clear(self):
        client = self._cache.get_client(write=True)
        keys = []
        for key in client.scan_iter(match=f"{self.key_prefix}:*", count=1000):
            keys.append(key)
            if len(keys) == 1000:
                client.delete(*keys)
                keys = []
        if keys:
            client.delete(*keys)
        return True
