// Requests the gateway sends: forward-request to a backend and send-request to any URL. Backend
// hosts of the stack are rewritten to the local simulators (or to what --backend names).
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;

namespace AiGatewayEmulator
{
    public sealed class OutgoingRequest
    {
        public string Method = "GET";
        public string Url;
        public HeaderMap Headers = new HeaderMap();
        public byte[] Body;
    }

    /// A request that failed without a response: a timeout or a connection that could not be made or broke.
    public sealed class TransportException : Exception
    {
        public readonly string Reason;
        public TransportException(string reason, string message) : base(message) { Reason = reason; }
    }

    public static class Http
    {
        static readonly HashSet<string> HopByHop = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "TE", "Trailer", "Content-Length", "Host", "Expect"
        };

        /// Prefix rewrites from the stack's hosts to local ones, longest first.
        public static List<KeyValuePair<string, string>> Rewrites = new List<KeyValuePair<string, string>>();

        public static bool IsHopByHop(string header) { return HopByHop.Contains(header); }

        public static string Rewrite(string url)
        {
            foreach (var r in Rewrites)
            {
                if (url.StartsWith(r.Key, StringComparison.OrdinalIgnoreCase)) { return r.Value + url.Substring(r.Key.Length); }
            }
            return url;
        }

        /// Send a request; {@code timeoutMs} bounds the wait for the response headers. With
        /// {@code buffer} false the body is left as a stream for the caller to pass on.
        public static ResponseImpl Send(OutgoingRequest r, int timeoutMs, bool buffer)
        {
            string target = Rewrite(r.Url);
            HttpWebRequest req;
            try { req = (HttpWebRequest)WebRequest.Create(target); }
            catch (Exception e) { throw new TransportException("BackendConnectionFailure", "the backend URL cannot be used: " + e.Message); }
            req.Method = r.Method;
            req.AllowAutoRedirect = false;
            req.KeepAlive = true;
            req.Timeout = Math.Max(1, timeoutMs);
            req.ReadWriteTimeout = 300000;
            req.AutomaticDecompression = DecompressionMethods.None;
            foreach (var h in r.Headers)
            {
                if (IsHopByHop(h.Key)) { continue; }
                string value = string.Join(",", h.Value);
                switch (h.Key.ToLowerInvariant())
                {
                    case "content-type": req.ContentType = value; break;
                    case "accept": req.Accept = value; break;
                    case "user-agent": req.UserAgent = value; break;
                    case "referer": req.Referer = value; break;
                    case "date": break;
                    case "if-modified-since": break;
                    case "range": break;
                    default: req.Headers[h.Key] = value; break;
                }
            }
            HttpWebResponse resp;
            try
            {
                if (r.Body != null && r.Body.Length > 0)
                {
                    req.ContentLength = r.Body.Length;
                    using (Stream s = req.GetRequestStream()) { s.Write(r.Body, 0, r.Body.Length); }
                }
                else if (r.Method != "GET" && r.Method != "HEAD" && r.Method != "DELETE")
                {
                    req.ContentLength = 0;
                }
                resp = (HttpWebResponse)req.GetResponse();
            }
            catch (WebException e)
            {
                if (e.Response != null) { resp = (HttpWebResponse)e.Response; }
                else if (e.Status == WebExceptionStatus.Timeout)
                {
                    req.Abort();
                    throw new TransportException("Timeout", "the backend did not send response headers within " + timeoutMs + " ms");
                }
                else { throw new TransportException("BackendConnectionFailure", "the backend connection failed: " + e.Status); }
            }
            catch (IOException e) { throw new TransportException("BackendConnectionFailure", "the backend connection failed: " + e.Message); }
            var response = new ResponseImpl { StatusCode = (int)resp.StatusCode, StatusReason = resp.StatusDescription };
            foreach (string name in resp.Headers.AllKeys)
            {
                if (IsHopByHop(name)) { continue; }
                response.HeaderValues.Set(name, resp.Headers.GetValues(name) ?? new string[0]);
            }
            Stream body = resp.GetResponseStream();
            if (buffer)
            {
                try
                {
                    using (var ms = new MemoryStream()) { body.CopyTo(ms); response.BodyValue = new MessageBody(ms.ToArray()); }
                }
                catch (Exception e) when (e is IOException || e is WebException)
                {
                    throw new TransportException("BackendConnectionFailure", "the backend connection broke while its response was read");
                }
                finally { resp.Close(); }
            }
            else
            {
                response.BodyValue = new MessageBody(new ResponseStream(resp, body));
            }
            return response;
        }

        /// A backend response's body stream that closes the response with it.
        sealed class ResponseStream : Stream
        {
            readonly HttpWebResponse response;
            readonly Stream inner;
            public ResponseStream(HttpWebResponse response, Stream inner) { this.response = response; this.inner = inner; }
            public override bool CanRead { get { return true; } }
            public override bool CanSeek { get { return false; } }
            public override bool CanWrite { get { return false; } }
            public override long Length { get { throw new NotSupportedException(); } }
            public override long Position { get { throw new NotSupportedException(); } set { throw new NotSupportedException(); } }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) { return inner.Read(buffer, offset, count); }
            public override long Seek(long offset, SeekOrigin origin) { throw new NotSupportedException(); }
            public override void SetLength(long value) { throw new NotSupportedException(); }
            public override void Write(byte[] buffer, int offset, int count) { throw new NotSupportedException(); }
            protected override void Dispose(bool disposing) { if (disposing) { inner.Dispose(); response.Close(); } base.Dispose(disposing); }
        }
    }
}
