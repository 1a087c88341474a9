using Microsoft.Data.Sqlite;

namespace Portal.Modules.Knowledge.Search;

/// <summary>A pooled read connection with its prepared commands; dispose returns it to the pool.</summary>
internal sealed class IndexReader(IndexGeneration generation, SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>The command for this SQL text, prepared once per connection; parameters cleared.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands[sql] = command;
        }
        command.Parameters.Clear();
        return command;
    }

    public void Dispose() => generation.Return(this);

    internal void Close()
    {
        foreach (var command in commands.Values) command.Dispose();
        commands.Clear();
        connection.Dispose();
    }
}
