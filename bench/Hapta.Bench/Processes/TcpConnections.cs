using System.Globalization;

namespace Hapta.Bench.Processes;

/// <summary>
/// Open TCP connections to a local listening port, from <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c>: the rows in
/// state ESTABLISHED (01) whose local port is the listener's, one per connection a server holds.
/// </summary>
internal static class TcpConnections
{
    public static int EstablishedTo(int port)
    {
        var count = 0;
        foreach (var table in (string[])["/proc/net/tcp", "/proc/net/tcp6"])
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st ...; an address is HEXIP:HEXPORT.
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && fields[3] == "01"
                    && int.Parse(fields[1][(fields[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber,
                        CultureInfo.InvariantCulture) == port)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
