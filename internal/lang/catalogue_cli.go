package lang

// commandLine gives the English and Italian of the command line's help
// frame: cobra's template words and the placeholders naming a flag's
// value. The commands' own texts are in package cli's help books.
var commandLine = map[string]map[Lang]string{
	"Использование:":    {EN: "Usage:", IT: "Uso:"},
	"флаги":             {EN: "flags", IT: "opzioni"},
	"команда":           {EN: "command", IT: "comando"},
	"Примеры:":          {EN: "Examples:", IT: "Esempi:"},
	"Команды:":          {EN: "Commands:", IT: "Comandi:"},
	"Флаги:":            {EN: "Flags:", IT: "Opzioni:"},
	"Общие флаги:":      {EN: "Global flags:", IT: "Opzioni comuni:"},
	"(по умолчанию %s)": {EN: "(default %s)", IT: "(predefinito %s)"},
	"Справка по команде: %s [команда] --help": {EN: "Help on a command: %s [command] --help", IT: "Aiuto su un comando: %s [comando] --help"},
	"; возможно, имелась в виду команда «%s»": {EN: "; did you mean the command «%s»?", IT: "; forse intendevate il comando «%s»"},
	"Справка: selfdiag --help":                {EN: "Help: selfdiag --help", IT: "Aiuto: selfdiag --help"},
	"ЧИСЛО":                                   {EN: "NUMBER", IT: "NUMERO"},
	"ЗНАЧЕНИЕ":                                {EN: "VALUE", IT: "VALORE"},
	"СПИСОК":                                  {EN: "LIST", IT: "ELENCO"},
	"ПУТЬ":                                    {EN: "PATH", IT: "PERCORSO"},
	"ФАЙЛ":                                    {EN: "FILE", IT: "FILE"},
	"ПАПКА":                                   {EN: "FOLDER", IT: "CARTELLA"},
	"КАТАЛОГ":                                 {EN: "FOLDER", IT: "CARTELLA"},
	"КАТАЛОГ|ФАЙЛ":                            {EN: "FOLDER|FILE", IT: "CARTELLA|FILE"},
	"ФОРМАТ":                                  {EN: "FORMAT", IT: "FORMATO"},
	"ФОРМАТЫ":                                 {EN: "FORMATS", IT: "FORMATI"},
	"КОДИРОВКА":                               {EN: "ENCODING", IT: "CODIFICA"},
	"ПРАВИЛО":                                 {EN: "RULE", IT: "REGOLA"},
	"НАЗВАНИЕ":                                {EN: "NAME", IT: "NOME"},
	"ГОД":                                     {EN: "YEAR", IT: "ANNO"},
	"ДД.ММ.ГГГГ":                              {EN: "DD.MM.YYYY", IT: "GG.MM.AAAA"},
	"ПРИЗНАК=ЧТО":                             {EN: "ATTRIBUTE=VALUE", IT: "CARATTERISTICA=VALORE"},
	"ПОЛЕ":                                    {EN: "FIELD", IT: "CAMPO"},
	"ПРОГРАММЫ":                               {EN: "PROGRAMMES", IT: "PROGRAMMI"},
}
