"""`ingest.extract.bounded_map`: the pool that feeds the graph writer keeps a bounded number of files in flight,
and gives results in input order whatever order the workers finish in."""

from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from ingest.extract import bounded_map


def test_submission_is_bounded_and_results_keep_the_input_order() -> None:
    started = 0
    lock = threading.Lock()

    def work(item: int) -> int:
        nonlocal started
        with lock:
            started += 1
        time.sleep(random.Random(item).random() / 1000)  # finish out of order
        return item * item

    ahead: list[int] = []
    results: list[int] = []
    with ThreadPoolExecutor(max_workers=4) as pool:
        for consumed, result in enumerate(bounded_map(pool, work, range(200), window=6)):
            time.sleep(0.0005)  # a consumer slower than the workers: pool.map would run everything ahead
            with lock:
                ahead.append(started - (consumed + 1))  # started but not yet consumed
            results.append(result)
    assert results == [i * i for i in range(200)]
    assert max(ahead) <= 6


def test_leaving_early_cancels_what_has_not_started() -> None:
    ran: list[int] = []
    with ThreadPoolExecutor(max_workers=1) as pool:
        for result in bounded_map(pool, lambda i: ran.append(i) or i, range(1000), window=3):
            if result == 1:
                break
    assert len(ran) <= 5
