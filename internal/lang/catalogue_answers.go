package lang

// answerProblems gives the English and Italian of what the scoring finds
// wrong with an answer it reads: a value not among the allowed, a number
// out of its bands, a date Excel made of a number, a total the table
// states that is not the model's.
var answerProblems = map[string]map[Lang]string{
	"в ответе на показатель %s «%s» — не из допустимых: %s": {
		EN: "in the answer to indicator %s, «%s» is not among the allowed: %s",
		IT: "nella risposta all'indicatore %s, «%s» non è tra quelle ammesse: %s"},
	"в ответе на показатель %s «%s» вместе с другими ответами: «не применимо» пишется один": {
		EN: "the answer to indicator %s has «%s» with other answers: «not applicable» is written alone",
		IT: "la risposta all'indicatore %s ha «%s» insieme ad altre risposte: «non applicabile» si scrive da solo"},
	"в ячейке ответа на показатель %s несколько ответов (%s), а показатель принимает один: оставьте один": {
		EN: "the answer cell of indicator %s holds several answers (%s), but the indicator takes one: keep one",
		IT: "la cella della risposta all'indicatore %s contiene più risposte (%s), ma l'indicatore ne accetta una: lasciatene una"},
	"после ответа «%s» на показатель %s в строке есть ещё %s: если это несколько ответов через «;», то показатель принимает один — оставьте один из допустимых: %s": {
		EN: "after the answer «%s» to indicator %s the row has %s more: if these are several answers separated by «;», the indicator takes one — keep one of the allowed: %s",
		IT: "dopo la risposta «%s» all'indicatore %s la riga contiene ancora %s: se sono più risposte separate da «;», l'indicatore ne accetta una — lasciatene una tra quelle ammesse: %s"},
	"в ячейке ответа на показатель %s дата %s, а ожидалось %s: Excel превращает набранное «1.5» в 1 мая — задайте ячейке формат «Общий» и впишите ответ заново": {
		EN: "the answer cell of indicator %s holds the date %s, but %s was expected: Excel turns a typed «1.5» into the 1st of May — give the cell the «General» format and type the answer again",
		IT: "la cella della risposta all'indicatore %s contiene la data %s, ma era atteso %s: Excel trasforma «1.5» digitato nel 1° maggio — date alla cella il formato «Generale» e digitate di nuovo la risposta"},
	"в ячейке ответа на показатель %s формула, значение которой не сохранено в файле: откройте файл в Excel или LibreOffice, сохраните его и пришлите снова; засчитано 0 баллов": {
		EN: "the answer cell of indicator %s holds a formula whose value is not saved in the file: open the file in Excel or LibreOffice, save it and send it again; counted as 0 points",
		IT: "la cella della risposta all'indicatore %s contiene una formula il cui valore non è salvato nel file: aprite il file in Excel o LibreOffice, salvatelo e inviatelo di nuovo; contati 0 punti"},
	"ответ на показатель %s дан повторно («%s»; первый — %s): учтён первый": {
		EN: "indicator %s is answered again («%s»; the first at %s): the first counts",
		IT: "l'indicatore %s ha di nuovo una risposta («%s»; la prima in %s): conta la prima"},
	"в файле за показатель %s указано %s, а по модели за ответ «%s» положено %d": {
		EN: "for indicator %s the file gives %s, but the model gives the answer «%s» %d",
		IT: "per l'indicatore %s il file indica %s, ma il modello assegna alla risposta «%s» %d"},
	"в числе «%s» (показатель %s) больше %d значащих цифр: впишите его так, как оно записано в документах": {
		EN: "the number «%s» (indicator %s) has more than %d significant digits: write it as the documents do",
		IT: "il numero «%s» (indicatore %s) ha più di %d cifre significative: scrivetelo come nei documenti"},
	"в ответе «%s» на показатель %s цифры разделены пробелом не по разрядам тысяч: неясно, какое число имелось в виду; впишите его без пробелов (пробел допустим только как в «1 000»)": {
		EN: "in the answer «%s» to indicator %s a space splits the digits other than by thousands: it is unclear which number is meant; write it without spaces (a space is allowed only as in «1 000»)",
		IT: "nella risposta «%s» all'indicatore %s uno spazio divide le cifre non per migliaia: non è chiaro quale numero si intenda; scrivetelo senza spazi (lo spazio è ammesso solo come in «1 000»)"},
	"ответ «%s» на показатель %s записан в процентах, а ожидалось %s": {
		EN: "the answer «%s» to indicator %s is written in percent, but %s was expected",
		IT: "la risposta «%s» all'indicatore %s è scritta in percentuale, ma era atteso %s"},
	"после числа в ответе «%s» на показатель %s стоит «%s», а ожидалось %s": {
		EN: "the number in the answer «%s» to indicator %s is followed by «%s», but %s was expected",
		IT: "il numero nella risposta «%s» all'indicatore %s è seguito da «%s», ma era atteso %s"},
	"%s — это %s %% или %s %%? Доля по показателю %s записывается в процентах: впишите %s": {
		EN: "is %s %s %% or %s %%? The share of indicator %s is written in percent: write %s",
		IT: "%s è %s %% o %s %%? La quota dell'indicatore %s si scrive in percentuale: scrivete %s"},
	"значение %s показателя %s не целое: ожидалось %s": {
		EN: "the value %s of indicator %s is not a whole number: %s was expected",
		IT: "il valore %s dell'indicatore %s non è intero: era atteso %s"},
	"значение %s показателя %s не попадает ни в один диапазон модели": {
		EN: "the value %s of indicator %s falls in none of the model's bands",
		IT: "il valore %s dell'indicatore %s non rientra in nessuna fascia del modello"},
	"в таблице указана сумма баллов %d, а по модели «%s» получено %d": {
		EN: "the table states a total of %d points, but the model «%s» gives %d",
		IT: "la tabella indica una somma di %d punti, ma il modello «%s» dà %d"},
	"в таблице указан уровень «%s», а по модели «%s» получен «%s»": {
		EN: "the table states the level «%s», but the model «%s» gives «%s»",
		IT: "la tabella indica il livello «%s», ma il modello «%s» dà «%s»"},
	"в столбце баллов «%s» не целое число баллов: сверка баллов для показателя %s пропущена": {
		EN: "the points column has «%s», not a whole number of points: the points of indicator %s are not checked",
		IT: "la colonna dei punti contiene «%s», non un numero intero di punti: i punti dell'indicatore %s non sono verificati"},
}
