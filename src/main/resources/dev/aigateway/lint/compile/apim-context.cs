// The policy-expression context of Azure API Management, as a C# stub to compile expressions
// against. It follows "Policy expressions" in the APIM documentation (MicrosoftDocs/azure-docs,
// articles/api-management/api-management-policy-expressions.md, section "Context variable"),
// member by member: every type and member here is one the documentation lists, with the types it
// gives. Bodies are empty; only the signatures matter. Differences from the documentation:
//  - GetValueOrDefault's default value is optional: the one-argument form is used by public
//    policies (and accepted by the service); it returns null / default(T) when missing.
//  - IMessageBody.AsFormUrlEncodedContent and ToFormUrlEncodedContent follow the set-body policy page.

using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

public interface IContext
{
    IApi Api { get; }
    IDeployment Deployment { get; }
    TimeSpan Elapsed { get; }
    ILastError LastError { get; }
    IOperation Operation { get; }
    IProduct Product { get; }
    IRequest Request { get; }
    Guid RequestId { get; }
    IResponse Response { get; }
    ISubscription Subscription { get; }
    DateTime Timestamp { get; }
    bool Tracing { get; }
    IUser User { get; }
    IReadOnlyDictionary<string, object> Variables { get; }
    void Trace(string message);
}

public interface IApi
{
    string Id { get; }
    bool IsCurrentRevision { get; }
    string Name { get; }
    string Path { get; }
    IEnumerable<string> Protocols { get; }
    string Revision { get; }
    IUrl ServiceUrl { get; }
    ISubscriptionKeyParameterNames SubscriptionKeyParameterNames { get; }
    string Version { get; }
}

public interface IDeployment
{
    string GatewayId { get; }
    string Region { get; }
    string ServiceName { get; }
    IReadOnlyDictionary<string, X509Certificate2> Certificates { get; }
}

public interface ILastError
{
    string Source { get; }
    string Reason { get; }
    string Message { get; }
    string Scope { get; }
    string Section { get; }
    string Path { get; }
    string PolicyId { get; }
}

public interface IOperation
{
    string Id { get; }
    string Method { get; }
    string Name { get; }
    string UrlTemplate { get; }
}

public enum ProductState { NotPublished, Published }

public interface IProduct
{
    IEnumerable<IApi> Apis { get; }
    bool ApprovalRequired { get; }
    IEnumerable<IGroup> Groups { get; }
    string Id { get; }
    string Name { get; }
    ProductState State { get; }
    int? SubscriptionLimit { get; }
    bool SubscriptionRequired { get; }
}

public interface IRequest
{
    IMessageBody Body { get; }
    X509Certificate2 Certificate { get; }
    IReadOnlyDictionary<string, string[]> Headers { get; }
    string IpAddress { get; }
    IReadOnlyDictionary<string, string> MatchedParameters { get; }
    string Method { get; }
    IUrl OriginalUrl { get; }
    IUrl Url { get; }
    IPrivateEndpointConnection PrivateEndpointConnection { get; }
}

public interface IResponse
{
    IMessageBody Body { get; }
    IReadOnlyDictionary<string, string[]> Headers { get; }
    int StatusCode { get; }
    string StatusReason { get; }
}

public interface ISubscription
{
    DateTime CreatedDate { get; }
    DateTime? EndDate { get; }
    string Id { get; }
    string Key { get; }
    string Name { get; }
    string PrimaryKey { get; }
    string SecondaryKey { get; }
    DateTime? StartDate { get; }
}

public interface IUser
{
    string Email { get; }
    string FirstName { get; }
    IEnumerable<IGroup> Groups { get; }
    string Id { get; }
    IEnumerable<IUserIdentity> Identities { get; }
    string LastName { get; }
    string Note { get; }
    DateTime RegistrationDate { get; }
}

public interface IGroup
{
    string Id { get; }
    string Name { get; }
}

public interface IUserIdentity
{
    string Id { get; }
    string Provider { get; }
}

public interface ISubscriptionKeyParameterNames
{
    string Header { get; }
    string Query { get; }
}

public interface IPrivateEndpointConnection
{
    string Name { get; }
    string GroupId { get; }
    string MemberName { get; }
}

public interface IUrl
{
    string Host { get; }
    string Path { get; }
    int Port { get; }
    IReadOnlyDictionary<string, string[]> Query { get; }
    string QueryString { get; }
    string Scheme { get; }
}

public interface IMessageBody
{
    // T is one of string, byte[], JObject, JToken, JArray, XNode, XElement, XDocument.
    T As<T>(bool preserveContent = false);
    IDictionary<string, IList<string>> AsFormUrlEncodedContent(bool preserveContent = false);
}

public class BasicAuthCredentials
{
    public string Password { get { return null; } }
    public string UserId { get { return null; } }
}

public class Jwt
{
    public string Algorithm { get { return null; } }
    public IEnumerable<string> Audiences { get { return null; } }
    public IReadOnlyDictionary<string, string[]> Claims { get { return null; } }
    public DateTime? ExpirationTime { get { return null; } }
    public string Id { get { return null; } }
    public string Issuer { get { return null; } }
    public DateTime? IssuedAt { get { return null; } }
    public DateTime? NotBefore { get { return null; } }
    public string Subject { get { return null; } }
    public string Type { get { return null; } }
}

public static class ApimContextExtensions
{
    // Headers, query parameters and JWT claims: comma-separated values, or the default.
    public static string GetValueOrDefault(this IReadOnlyDictionary<string, string[]> values, string name, string defaultValue = null) { return null; }

    // context.Variables: the value cast to T, or the default; throws when the stored type differs.
    public static T GetValueOrDefault<T>(this IReadOnlyDictionary<string, object> variables, string variableName, T defaultValue = default(T)) { return default(T); }

    public static BasicAuthCredentials AsBasic(this string input) { return null; }
    public static bool TryParseBasic(this string input, out BasicAuthCredentials result) { result = null; return false; }
    public static Jwt AsJwt(this string input) { return null; }
    public static bool TryParseJwt(this string input, out Jwt result) { result = null; return false; }

    public static byte[] Encrypt(this byte[] input, string alg, byte[] key, byte[] iv) { return null; }
    public static byte[] Encrypt(this byte[] input, SymmetricAlgorithm alg) { return null; }
    public static byte[] Encrypt(this byte[] input, SymmetricAlgorithm alg, byte[] key, byte[] iv) { return null; }
    public static byte[] Decrypt(this byte[] input, string alg, byte[] key, byte[] iv) { return null; }
    public static byte[] Decrypt(this byte[] input, SymmetricAlgorithm alg) { return null; }
    public static byte[] Decrypt(this byte[] input, SymmetricAlgorithm alg, byte[] key, byte[] iv) { return null; }

    public static bool VerifyNoRevocation(this X509Certificate2 input) { return false; }

    public static string ToFormUrlEncodedContent(this IDictionary<string, IList<string>> form) { return null; }
}
