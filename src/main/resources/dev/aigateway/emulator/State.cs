// State shared by every request: the emulated clock and randomness, the cache, the limit counters
// and the recorded metrics. All of it is guarded by locks; requests run concurrently.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace AiGatewayEmulator
{
    /// Time and randomness, as policy expressions see them (the emulator rewrites DateTime.UtcNow,
    /// DateTimeOffset.UtcNow and new Random() in expressions to these).
    public static class Emu
    {
        static readonly object Gate = new object();
        static readonly Stopwatch Running = Stopwatch.StartNew();
        static DateTime start;
        static TimeSpan offset;
        static bool manual;
        static Random seeded;
        static string randomSeeding = "tick";

        public static void Configure(Options o)
        {
            lock (Gate)
            {
                start = o.Clock == "manual" ? o.ClockStart : DateTime.UtcNow;
                manual = o.Clock == "manual";
                offset = TimeSpan.Zero;
                seeded = new Random(o.Seed);
                randomSeeding = o.RandomSeeding;
            }
        }

        public static DateTime UtcNow
        {
            get { lock (Gate) { return start + offset + (manual ? TimeSpan.Zero : Running.Elapsed); } }
        }

        public static DateTimeOffset UtcNowOffset { get { return new DateTimeOffset(UtcNow, TimeSpan.Zero); } }

        public static DateTime Now { get { return UtcNow; } }

        public static DateTime Today { get { return UtcNow.Date; } }

        /// Milliseconds since the clock started: the tick count unseeded Randoms are seeded from.
        public static int TickCount { get { lock (Gate) { return (int)((offset + (manual ? TimeSpan.Zero : Running.Elapsed)).Ticks / TimeSpan.TicksPerMillisecond); } } }

        public static void Advance(TimeSpan by) { lock (Gate) { offset += by; } }

        public static void Set(DateTime to) { lock (Gate) { offset = to - start - (manual ? TimeSpan.Zero : Running.Elapsed); } }

        /// What new Random() gives in an expression.
        public static Random NewRandom()
        {
            if (randomSeeding == "tick") { return new Random(TickCount); }
            lock (Gate) { return new Random(seeded.Next()); }
        }

        public static Guid NewGuid()
        {
            var bytes = new byte[16];
            lock (Gate) { seeded.NextBytes(bytes); }
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }
    }

    /// The gateway's cache (cache-lookup-value, cache-store-value), with entries that expire on the emulated clock.
    public sealed class Cache
    {
        sealed class Entry { public object Value; public DateTime Expires; }

        readonly object gate = new object();
        readonly Dictionary<string, Entry> entries = new Dictionary<string, Entry>();

        /// "none" (reads work), "miss" (the cache is unavailable: every read misses, as APIM's
        /// best-effort caching documents) or "null" (a read yields null).
        public string Failure = "none";

        /// Whether the key is there; {@code value} is then its value.
        public bool TryGet(string key, out object value)
        {
            value = null;
            lock (gate)
            {
                if (Failure == "miss") { return false; }
                if (Failure == "null") { return true; }
                Entry e;
                if (!entries.TryGetValue(key, out e)) { return false; }
                if (e.Expires <= Emu.UtcNow) { entries.Remove(key); return false; }
                value = e.Value;
                return true;
            }
        }

        public void Store(string key, object value, double seconds)
        {
            lock (gate)
            {
                if (Failure != "none") { return; } // best effort: a store to an unavailable cache is lost, silently
                entries[key] = new Entry { Value = value, Expires = Emu.UtcNow.AddSeconds(seconds) };
            }
        }

        public void Remove(string key) { lock (gate) { entries.Remove(key); } }

        public void Clear() { lock (gate) { entries.Clear(); } }

        public JObject Dump()
        {
            var o = new JObject();
            lock (gate)
            {
                foreach (var e in entries.Where(x => x.Value.Expires > Emu.UtcNow))
                {
                    o[e.Key] = new JObject(new JProperty("value", e.Value.Value == null ? null : JToken.FromObject(e.Value.Value)),
                        new JProperty("expires", e.Value.Expires.ToString("o")));
                }
            }
            return o;
        }
    }

    /// The counters of rate-limit-by-key, quota-by-key and the token limits, on the emulated clock.
    public sealed class Counters
    {
        readonly object gate = new object();
        /// Sliding windows: key to (time, amount) events.
        readonly Dictionary<string, List<KeyValuePair<DateTime, long>>> windows = new Dictionary<string, List<KeyValuePair<DateTime, long>>>();
        /// Fixed windows: key to (window start, amount).
        readonly Dictionary<string, KeyValuePair<DateTime, long>> periods = new Dictionary<string, KeyValuePair<DateTime, long>>();

        /// The amount counted for {@code key} in the sliding window of {@code seconds} ending now,
        /// and when the oldest event in it leaves the window.
        public long InWindow(string key, double seconds, out DateTime oldestLeaves)
        {
            lock (gate)
            {
                DateTime now = Emu.UtcNow;
                oldestLeaves = now;
                List<KeyValuePair<DateTime, long>> events;
                if (!windows.TryGetValue(key, out events)) { return 0; }
                events.RemoveAll(e => e.Key <= now.AddSeconds(-seconds));
                if (events.Count > 0) { oldestLeaves = events[0].Key.AddSeconds(seconds); }
                return events.Sum(e => e.Value);
            }
        }

        /// How long until the window has room for {@code needed} more under {@code limit}.
        public double SecondsUntilRoom(string key, double seconds, long limit, long needed)
        {
            lock (gate)
            {
                DateTime now = Emu.UtcNow;
                List<KeyValuePair<DateTime, long>> events;
                if (!windows.TryGetValue(key, out events)) { return 0; }
                long total = events.Where(e => e.Key > now.AddSeconds(-seconds)).Sum(e => e.Value);
                foreach (var e in events.Where(e => e.Key > now.AddSeconds(-seconds)))
                {
                    if (total + needed <= limit) { break; }
                    total -= e.Value;
                    if (total + needed <= limit) { return Math.Max(0, (e.Key.AddSeconds(seconds) - now).TotalSeconds); }
                }
                return total + needed <= limit ? 0 : seconds;
            }
        }

        public void AddToWindow(string key, long amount)
        {
            if (amount == 0) { return; }
            lock (gate)
            {
                List<KeyValuePair<DateTime, long>> events;
                if (!windows.TryGetValue(key, out events)) { windows[key] = events = new List<KeyValuePair<DateTime, long>>(); }
                events.Add(new KeyValuePair<DateTime, long>(Emu.UtcNow, amount));
            }
        }

        /// The amount counted in the fixed window that starts at {@code windowStart}.
        public long InPeriod(string key, DateTime windowStart)
        {
            lock (gate)
            {
                KeyValuePair<DateTime, long> p;
                return periods.TryGetValue(key, out p) && p.Key == windowStart ? p.Value : 0;
            }
        }

        public void AddToPeriod(string key, DateTime windowStart, long amount)
        {
            lock (gate)
            {
                KeyValuePair<DateTime, long> p;
                long current = periods.TryGetValue(key, out p) && p.Key == windowStart ? p.Value : 0;
                periods[key] = new KeyValuePair<DateTime, long>(windowStart, current + amount);
            }
        }

        public void Clear() { lock (gate) { windows.Clear(); periods.Clear(); } }
    }

    /// Metrics the policies emit (emit-metric, azure-openai-emit-token-metric, llm-emit-token-metric).
    public sealed class Metrics
    {
        readonly object gate = new object();
        readonly List<JObject> records = new List<JObject>();

        public void Record(string ns, string name, double value, IDictionary<string, string> dimensions, string requestId, string policy)
        {
            var dims = new JObject();
            foreach (var d in dimensions) { dims[d.Key] = d.Value; }
            var r = new JObject(new JProperty("time", Emu.UtcNow.ToString("o")), new JProperty("namespace", ns), new JProperty("name", name),
                new JProperty("value", value), new JProperty("dimensions", dims), new JProperty("requestId", requestId), new JProperty("policy", policy));
            lock (gate) { records.Add(r); }
        }

        public JArray Dump() { lock (gate) { return new JArray(records.ToArray()); } }

        public void Clear() { lock (gate) { records.Clear(); } }
    }
}
