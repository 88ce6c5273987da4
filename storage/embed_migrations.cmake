# Writes OUTPUT, a C++ source that holds every storage/migrations/NNNN_*.sql
# file as a string, so that each binary carries the schema it was built for.
file(GLOB files "${MIGRATIONS_DIR}/[0-9][0-9][0-9][0-9]_*.sql")
list(SORT files)
set(entries "")
foreach(path ${files})
  get_filename_component(name ${path} NAME_WE)
  string(SUBSTRING ${name} 0 4 version)
  math(EXPR version "${version}")
  file(READ ${path} sql)
  string(APPEND entries "    {${version}, \"${name}\", R\"plenary_sql(${sql})plenary_sql\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp
"// Generated from storage/migrations by embed_migrations.cmake; do not edit.
#include \"storage/migration.h\"

namespace plenary::storage {

const std::vector<Migration>& AllMigrations() {
  static const auto* migrations = new std::vector<Migration>{
${entries}  };
  return *migrations;
}

}  // namespace plenary::storage
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
