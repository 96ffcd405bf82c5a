using System.Net;
using System.Net.Sockets;

namespace Refunds.Dashboard.Tests.Support;

/// <summary>Ports for the servers the tests start themselves (PostgreSQL, Redis).</summary>
public static class LoopbackPort
{
    /// <summary>A loopback port nothing listens on right now, as the OS hands them out.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
