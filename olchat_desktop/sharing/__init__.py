"""The team library: templates shared through a folder on the team's Bitrix24 Disk (issue 19).

``shared_file`` (the file in the folder), ``state`` (what was last synced, in its own
SQLite file), ``engine`` (one sync), ``folders`` (the profile's shared folder), ``report``
and ``errors`` (what a person is told).
"""
