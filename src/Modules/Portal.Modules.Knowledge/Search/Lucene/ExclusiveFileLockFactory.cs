using Lucene.Net.Store;
using LuceneLock = Lucene.Net.Store.Lock;

namespace Portal.Modules.Knowledge.Search;

/// <summary>Locks an index folder against every other writer, in this process or another. Lucene.Net's
/// default (NativeFSLockFactory) opens write.lock with FileShare.Read, which on Linux is a shared
/// flock: a second process obtains it too (measured: two hosts on one folder both wrote). This
/// one holds the file open with FileShare.None, an exclusive lock the OS drops when the process
/// dies, and never deletes the file (two processes could otherwise lock two different files).</summary>
internal sealed class ExclusiveFileLockFactory(string folder) : LockFactory
{
    public override LuceneLock MakeLock(string lockName) => new ExclusiveFileLock(Path.Combine(folder, lockName));

    public override void ClearLock(string lockName)
    {
        // Nothing to clear: the lock is the open file, not the file's existence.
    }

    private sealed class ExclusiveFileLock(string path) : LuceneLock
    {
        private readonly System.Threading.Lock gate = new();
        private FileStream? held;

        public override bool Obtain()
        {
            lock (gate)
            {
                if (held is not null) return false;
                try
                {
                    System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return true;
                }
                catch (IOException ex)
                {
                    FailureReason = ex;
                    return false;
                }
            }
        }

        public override bool IsLocked()
        {
            lock (gate)
            {
                if (held is not null) return true;
                try
                {
                    using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                    return false;
                }
                catch (FileNotFoundException)
                {
                    return false;
                }
                catch (DirectoryNotFoundException)
                {
                    return false;
                }
                catch (IOException)
                {
                    return true;
                }
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (!disposing) return;
            lock (gate)
            {
                held?.Dispose();
                held = null;
            }
        }

        public override string ToString() => $"{nameof(ExclusiveFileLock)}@{path}";
    }
}
