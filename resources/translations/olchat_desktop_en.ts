<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Design, check and test-send WhatsApp button messages for Bitrix24 automation through OLChat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Templates, settings, history and logs live here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundled libraries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BundleDialog</name>
    <message>
        <source>Import from a bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>«{file}» holds {count} templates; {new} of them are not in the library yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Templates in the bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} — already in the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import {count}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CatalogueController</name>
    <message>
        <source>Fields of «{portal}», updated {age}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in field list (the fields of «{portal}» are not read yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in field list for now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in field list (no portal connected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the portal&apos;s fields…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not refresh: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sandbox portal has not started yet; try again in a moment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CounterLabel</name>
    <message>
        <source>{n} of {limit} characters (Unicode code points, as the server counts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} visible characters (graphemes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Literal text: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{expr}: no sample, length unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{expr}: {n} (sample)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set sample values to get an exact count.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unexpected error interrupted the last action. Your templates are saved, so you can carry on. If it happens again, please send this report to the developers; secrets such as webhook addresses are removed from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log is in {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoSandbox</name>
    <message>
        <source>Starting the sandbox portal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox portal at {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox portal did not start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditorController</name>
    <message>
        <source>Refill {origin}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditorView</name>
    <message>
        <source>Template &amp;name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp &amp;line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Footer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Button &amp;1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Button &amp;2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Button &amp;3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comma-separated, e.g. feedback, clinic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose a line or type its name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>79991234567 or {{Contact: Phone}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, no formatting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required. *bold*, _italic_, ~strike~, `code`, {{Field}} expressions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, shown small and grey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reply button, required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wait for reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The robot waits for the customer&apos;s tap and returns the chosen button&apos;s text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The waiting robot stops if the CRM item moves to another stage; use a business process instead (Bitrix24 runs at most 2 waiting processes per item). A multi-value phone field makes a waiting robot fail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Sample values&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bitrix24 fills expressions when sending; a sample makes counters exact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the portal&apos;s field list again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill from CRM…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill every sample with the values of a real CRM item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bold (*text*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Italic (_text_)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strikethrough (~text~)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monospace block (```text```)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inline code (`text`)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulleted list (- item)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbered list (1. item)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quote (&gt; text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert emoji</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert a Bitrix24 CRM field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message formatting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Footer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Button {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 length</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldPickerPopup</name>
    <message>
        <source>Search by name or code, e.g. филиал or UF_CRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the field list from the portal again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert as {{Имя}} (display name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as {=Document:NAME} (field code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↑↓ choose · Enter inserts · Esc closes · ★ a custom (UF_) field</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileOpener</name>
    <message>
        <source>Opening «{file}»…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>«{name}» is already in the library: shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing templates: {count}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported templates: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be opened: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a template file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FillSamples</name>
    <message>
        <source>Reading {origin}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FillSamplesDialog</name>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the item…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found: {count}. Enter fills the samples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing found. Try a part of the title, a phone or an ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill samples from CRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a real CRM item: every sample becomes the text the customer would see for it (list texts, names, amounts, dates), so the counters are exact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>title, phone or ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fill samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found CRM items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Template history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore this version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryController</name>
    <message>
        <source>All tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>Search templates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only templates with this tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order of the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recently changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New template (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate the selected template (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected template to the trash (Del)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The WhatsApp preview appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PortalFields</name>
    <message>
        <source>Insert &amp;field…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill samples from &amp;CRM…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewView</name>
    <message>
        <source>Export preview as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the preview in WhatsApp&apos;s dark theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy robot settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy every field with its Russian label, for pasting into the robot form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small (320)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default (360)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large (412)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose screen to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the customer sees it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the operator sees it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approximate WhatsApp look</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsPresenter</name>
    <message>
        <source>No problems found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{errors} errors, {warnings} warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↳ Fix: replace {expression} with {replacement}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click (or press Enter) to fix; Ctrl+Z in the field undoes it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>No recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SamplesPresenter</name>
    <message>
        <source> (empty there)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone width in preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small (320)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default (360)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large (412)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone width in preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes apply at once and are remembered.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search actions or keys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SideView</name>
    <message>
        <source>&lt;b&gt;Preview&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send test…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a test message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this template to a test phone (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;&amp;Problems&lt;/b&gt; — errors: {errors}, warnings: {warnings}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhatsApp preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TemplateRowDelegate</name>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} d ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Has errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Has warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferController</name>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export this template…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;all…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a tag to the selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;rash…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing «{file}»…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export this template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export all templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to «{file}»…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the selected templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag to add to {n} templates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template files (*.olchat.json *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: the library and the files are as they were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported templates: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: {ok}. Skipped broken entries: {bad}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operation failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import and export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferProgress</name>
    <message>
        <source>Exported: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{read:.1f} of {total:.1f} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about {s} s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <source>Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete forever…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Empty trash…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete «{name}» forever? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete all {count} templates in the trash forever? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete forever</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>Send a test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two ways to send this template to a test phone:

• OLChat REST: sends a text version of the message (buttons become numbered options). OLChat&apos;s API has no button-message method.

• Bitrix24 business process: starts a workflow with the real button robot on a CRM item; the customer sees real buttons, and with &quot;wait for reply&quot; the chosen button comes back.

Connect a portal or an OLChat line to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted «{name}»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo &amp;delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send test…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo: sandbox portal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
