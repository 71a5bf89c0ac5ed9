#include "core/jobs/main_thread_queue.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

using namespace lb;

TEST_CASE("tasks run in posting order, once, on drain", "[jobs]") {
    MainThreadQueue q;
    std::vector<int> order;
    q.post([&] { order.push_back(1); });
    q.post([&] { order.push_back(2); });
    REQUIRE(order.empty());
    REQUIRE(q.pending() == 2);
    REQUIRE(q.drain() == 2);
    REQUIRE(order == std::vector<int>{1, 2});
    REQUIRE(q.drain() == 0);
}

TEST_CASE("a task posted while draining runs at the next drain", "[jobs]") {
    MainThreadQueue q;
    int runs = 0;
    std::function<void()> again = [&] {
        ++runs;
        q.post(again);
    };
    q.post(again);
    REQUIRE(q.drain() == 1);
    REQUIRE(runs == 1);
    REQUIRE(q.pending() == 1);
}

TEST_CASE("many threads can post concurrently", "[jobs]") {
    MainThreadQueue q;
    int sum = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&q, &sum] {
            for (int i = 0; i < 250; ++i) q.post([&sum] { ++sum; });
        });
    for (auto& t : threads) t.join();
    REQUIRE(q.drain() == 1000);
    REQUIRE(sum == 1000);
}

TEST_CASE("the wakeup hook runs after each post", "[jobs]") {
    MainThreadQueue q;
    std::atomic<int> wakes{0};
    q.setWakeup([&] { ++wakes; });
    std::thread t([&] { q.post([] {}); });
    t.join();
    q.post([] {});
    REQUIRE(wakes == 2);
    REQUIRE(q.drain() == 2);
}
