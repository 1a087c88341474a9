namespace Portal.Modules.Knowledge.Articles;

public enum SaveStatus
{
    Saved,
    Unchanged,
    NotFound,
    Conflict,
    SlugTaken,
}
