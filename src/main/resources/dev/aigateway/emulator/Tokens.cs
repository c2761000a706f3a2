// Token counts as the token policies see them: the usage section of a model response, or, for
// streamed requests, estimates (the token-limit and emit-token-metric references say streamed
// requests are estimated). The estimate is one token per four characters of text.
using System;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;

namespace AiGatewayEmulator
{
    public static class Tokens
    {
        static JObject RequestJson(Exchange ex)
        {
            var body = ex.Ctx.RequestValue.BodyValue;
            if (body == null) { return null; }
            try { return JObject.Parse(Encoding.UTF8.GetString(body.Bytes)); } catch (Exception) { return null; }
        }

        public static bool IsStreamRequest(Exchange ex)
        {
            JObject json = RequestJson(ex);
            JToken stream = json == null ? null : json["stream"];
            return stream != null && stream.Type == JTokenType.Boolean && (bool)stream;
        }

        static long Estimate(long characters) { return characters == 0 ? 0 : (characters + 3) / 4; }

        /// The prompt's tokens, estimated from the text of messages, prompt and input.
        public static long EstimatePrompt(Exchange ex)
        {
            if (ex.PromptEstimate >= 0) { return ex.PromptEstimate; }
            JObject json = RequestJson(ex);
            long chars = 0;
            if (json != null)
            {
                foreach (string field in new[] { "messages", "prompt", "input" })
                {
                    JToken t = json[field];
                    if (t != null) { chars += TextLength(t); }
                }
            }
            ex.PromptEstimate = Math.Max(1, Estimate(chars));
            return ex.PromptEstimate;
        }

        static long TextLength(JToken t)
        {
            switch (t.Type)
            {
                case JTokenType.String: return ((string)t).Length;
                case JTokenType.Array: return t.Children().Sum(c => TextLength(c));
                case JTokenType.Object:
                    JToken content = t["content"] ?? t["text"];
                    return content == null ? 0 : TextLength(content);
                default: return 0;
            }
        }

        /// The usage a buffered JSON response reports, or null when it has none.
        public static Usage FromResponse(byte[] body)
        {
            try
            {
                JObject json = JObject.Parse(Encoding.UTF8.GetString(body));
                JToken usage = json["usage"];
                if (usage == null || usage.Type != JTokenType.Object) { return null; }
                long prompt = (long?)usage["prompt_tokens"] ?? (long?)usage["input_tokens"] ?? 0;
                long total = (long?)usage["total_tokens"] ?? prompt + ((long?)usage["completion_tokens"] ?? (long?)usage["output_tokens"] ?? 0);
                return new Usage { Prompt = prompt, Completion = total - prompt };
            }
            catch (Exception) { return null; }
        }

        /// A streamed response: the prompt estimated, the completion from its usage chunk when it
        /// sends one, else estimated from the streamed text.
        public static Usage FromStream(Exchange ex, string events)
        {
            long completionChars = 0;
            long? reported = null;
            foreach (string line in events.Split('\n'))
            {
                string l = line.Trim();
                if (!l.StartsWith("data:")) { continue; }
                string data = l.Substring(5).Trim();
                if (data == "[DONE]") { continue; }
                try
                {
                    JObject chunk = JObject.Parse(data);
                    JToken usage = chunk["usage"];
                    if (usage != null && usage.Type == JTokenType.Object && usage["completion_tokens"] != null) { reported = (long)usage["completion_tokens"]; }
                    // The Responses API: typed events, text in response.output_text.delta, usage in response.completed.
                    string type = (string)chunk["type"];
                    if (type == "response.output_text.delta" && chunk["delta"] != null && chunk["delta"].Type == JTokenType.String) { completionChars += ((string)chunk["delta"]).Length; }
                    JToken final = type == "response.completed" && chunk["response"] != null ? chunk["response"]["usage"] : null;
                    if (final != null && final.Type == JTokenType.Object && final["output_tokens"] != null) { reported = (long)final["output_tokens"]; }
                    JArray choices = chunk["choices"] as JArray;
                    if (choices == null) { continue; }
                    foreach (JToken c in choices)
                    {
                        JToken content = c["delta"] == null ? null : c["delta"]["content"];
                        if (content != null && content.Type == JTokenType.String) { completionChars += ((string)content).Length; }
                    }
                }
                catch (Exception) { }
            }
            return new Usage { Prompt = EstimatePrompt(ex), Completion = reported ?? Estimate(completionChars), Estimated = true };
        }

        public static DateTime PeriodStart(string period, DateTime now)
        {
            switch (period)
            {
                case "Hourly": return new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
                case "Daily": return now.Date;
                case "Weekly": return now.Date.AddDays(-(((int)now.DayOfWeek + 6) % 7));
                case "Monthly": return new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
                case "Yearly": return new DateTime(now.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
                default: return DateTime.MinValue;
            }
        }

        public static DateTime PeriodEnd(string period, DateTime start)
        {
            switch (period)
            {
                case "Hourly": return start.AddHours(1);
                case "Daily": return start.AddDays(1);
                case "Weekly": return start.AddDays(7);
                case "Monthly": return start.AddMonths(1);
                case "Yearly": return start.AddYears(1);
                default: return DateTime.MaxValue;
            }
        }
    }
}
